using System.Text;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>Translates a <see cref="DocumentQuery"/> into SQL with keyset paging on (sort, pk, id).</summary>
internal sealed class SqliteQueryBuilder
{
    private readonly CollectionDefinition definition;
    private readonly DocumentQuery query;
    private readonly ContinuationToken? position;
    private readonly string sort;

    /// <param name="position">Where the previous page ended (an opened continuation token), or null for the first page.</param>
    public SqliteQueryBuilder(CollectionDefinition definition, DocumentQuery query, ContinuationToken? position)
    {
        this.definition = definition;
        this.query = query;
        this.position = position;
        query.Check(definition);

        sort = query.SortField is { } s ? SqliteSchema.Field(s) : "NULL";
    }

    public void BindSelect(SqliteCommand command, string table)
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var where = Where(command);
        command.CommandText = $"SELECT pk, id, body, {sort} FROM {table}{where} ORDER BY {sort} {direction}, pk {direction}, id {direction} LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
    }

    public void BindCount(SqliteCommand command, string table) =>
        command.CommandText = $"SELECT COUNT(*) FROM {table}{Where(command)}";

    private string Where(SqliteCommand command)
    {
        var conditions = new List<string>();
        if (query.Partition is { } partition)
        {
            conditions.Add("pk = $pk");
            command.Parameters.AddWithValue("$pk", partition);
        }

        var index = 0;
        foreach (var (field, value) in query.Equal)
        {
            conditions.Add($"{SqliteSchema.Field(field)} = $f{index}");
            command.Parameters.AddWithValue($"$f{index++}", value is bool b ? (b ? 1 : 0) : value);
        }

        foreach (var (field, least) in query.AtLeast)
        {
            conditions.Add($"{SqliteSchema.Field(field)} >= $f{index}");
            command.Parameters.AddWithValue($"$f{index++}", least);
        }

        foreach (var (field, value) in query.Holds)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM json_each(body, {SqliteSchema.Path(field)}) WHERE value = $f{index})");
            command.Parameters.AddWithValue($"$f{index++}", value);
        }

        foreach (var (field, text) in query.Contains)
        {
            // SQLite's lower() folds ASCII only; sift_fold is the invariant lower case of every script (SqliteDatabase registers it).
            conditions.Add($"instr({SqliteDatabase.FoldFunction}({SqliteSchema.Field(field)}), $f{index}) > 0");
            command.Parameters.AddWithValue($"$f{index++}", text.ToLowerInvariant());
        }

        if (query.From is { } from)
        {
            conditions.Add($"{sort} >= $from");
            command.Parameters.AddWithValue("$from", from);
        }

        if (query.Until is { } until)
        {
            conditions.Add($"{sort} < $until");
            command.Parameters.AddWithValue("$until", until);
        }

        if (position is { } token)
        {
            var (key, position) = query.SortField is null ? ("(pk, id)", "($cp, $ci)") : ($"({sort}, pk, id)", "($cs, $cp, $ci)");
            conditions.Add($"{key} {(query.Descending ? "<" : ">")} {position}");
            command.Parameters.AddWithValue("$cs", token.SortValue ?? DBNull.Value);
            command.Parameters.AddWithValue("$cp", token.Partition);
            command.Parameters.AddWithValue("$ci", token.Id);
        }

        return conditions.Count == 0 ? "" : new StringBuilder(" WHERE ").AppendJoin(" AND ", conditions).ToString();
    }
}
