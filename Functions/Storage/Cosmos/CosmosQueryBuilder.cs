using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;

namespace Sift.Storage;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> into parameterized Cosmos SQL over the stored wrapper
/// (<c>{ id, pk, doc }</c>) with keyset paging on (sort, pk, id), the same order and the same
/// continuation positions as <see cref="SqliteQueryBuilder"/>. Only field names declared in code
/// reach the text; every value is a parameter.
/// </summary>
internal sealed partial class CosmosQueryBuilder
{
    private readonly CollectionDefinition definition;
    private readonly DocumentQuery query;
    private readonly ContinuationToken? position;
    private readonly string? sort;

    /// <param name="position">Where the previous page ended (an opened continuation token), or null for the first page.</param>
    public CosmosQueryBuilder(CollectionDefinition definition, DocumentQuery query, ContinuationToken? position)
    {
        this.definition = definition;
        this.query = query;
        this.position = position;
        query.Check(definition);

        sort = query.SortField is { } s ? Field(s) : null;
    }

    /// <summary>The page plus one more document, so the store knows whether a next page exists.</summary>
    public QueryDefinition Select()
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var parameters = new List<(string, object?)> { ("@top", query.Limit + 1) };
        var order = sort is null ? $"c.pk {direction}, c.id {direction}" : $"{sort} {direction}, c.pk {direction}, c.id {direction}";
        return Bind($"SELECT TOP @top c.pk, c.id, c.doc FROM c{Where(parameters)} ORDER BY {order}", parameters);
    }

    public QueryDefinition Count()
    {
        var parameters = new List<(string, object?)>();
        return Bind($"SELECT VALUE COUNT(1) FROM c{Where(parameters)}", parameters);
    }

    /// <summary>The path of a declared field inside the wrapper, as indexing policies name it.</summary>
    public static string IndexPath(string field) => "/doc/" + string.Join('/', Segments(field));

    private string Where(List<(string Name, object? Value)> parameters)
    {
        var conditions = new List<string>();
        if (query.Partition is { } partition)
        {
            conditions.Add("c.pk = @pk");
            parameters.Add(("@pk", partition));
        }

        var index = 0;
        foreach (var (field, value) in query.Equal)
        {
            conditions.Add($"{Field(field)} = @f{index}");
            parameters.Add(($"@f{index++}", value));
        }

        foreach (var (field, least) in query.AtLeast)
        {
            conditions.Add($"{Field(field)} >= @f{index}");
            parameters.Add(($"@f{index++}", least));
        }

        foreach (var (field, value) in query.Holds)
        {
            conditions.Add($"ARRAY_CONTAINS({Field(field)}, @f{index})");
            parameters.Add(($"@f{index++}", value));
        }

        foreach (var (field, text) in query.Contains)
        {
            // LOWER folds every script, as ToLowerInvariant does for the SQLite adapter.
            conditions.Add($"CONTAINS(LOWER({Field(field)}), @f{index})");
            parameters.Add(($"@f{index++}", text.ToLowerInvariant()));
        }

        if (query.From is { } from)
        {
            conditions.Add($"{sort} >= @from");
            parameters.Add(("@from", from));
        }

        if (query.Until is { } until)
        {
            conditions.Add($"{sort} < @until");
            parameters.Add(("@until", until));
        }

        if (position is { } token)
        {
            // (sort, pk, id) beyond the token's, spelled out: Cosmos SQL has no row-value comparison.
            var beyond = query.Descending ? "<" : ">";
            var keyset = $"(c.pk {beyond} @cp OR (c.pk = @cp AND c.id {beyond} @ci))";
            conditions.Add(sort is null ? keyset : $"({sort} {beyond} @cs OR ({sort} = @cs AND {keyset}))");
            parameters.Add(("@cs", token.SortValue));
            parameters.Add(("@cp", token.Partition));
            parameters.Add(("@ci", token.Id));
        }

        return conditions.Count == 0 ? "" : new StringBuilder(" WHERE ").AppendJoin(" AND ", conditions).ToString();
    }

    private static QueryDefinition Bind(string text, IEnumerable<(string Name, object? Value)> parameters)
    {
        var definition = new QueryDefinition(text);
        foreach (var (name, value) in parameters)
        {
            definition.WithParameter(name, value);
        }

        return definition;
    }

    /// <summary>Bracket notation, so a field named like a keyword (<c>value</c>, <c>order</c>) still reads as a property.</summary>
    private static string Field(string field) => "c.doc" + string.Concat(Segments(field).Select(segment => $"[\"{segment}\"]"));

    /// <summary>Names come from code, never from requests; this keeps them safe to splice into the query text and index paths.</summary>
    private static string[] Segments(string field)
    {
        var segments = field.Split('.');
        return segments.All(segment => SafeName().IsMatch(segment))
            ? segments
            : throw new ArgumentException($"'{field}' is not a valid field name.", nameof(field));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeName();
}
