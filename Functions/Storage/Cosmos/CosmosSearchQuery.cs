using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace Sift.Storage;

/// <summary>
/// The hybrid query on Cosmos DB: <c>ORDER BY RANK RRF(VectorDistance(...), FullTextScore(...))</c>
/// over the stored wrapper (<c>{ id, pk, doc }</c>), the chat as the partition key, the dates as
/// UTC text (<see cref="UtcTimestampConverter"/>, which orders as time). Every value (vector,
/// terms, filters) is a parameter; only the page size, an integer, is written into the text.
/// FullTextScore takes each term as its own argument (the current form; the array form was
/// the preview's). Only entries of the request's embedder are compared: the container holds one
/// embedding policy, so a new embedder means re-indexing anyway.
/// </summary>
internal static class CosmosSearchQuery
{
    public static QueryDefinition Build(SearchRequest request, IReadOnlyList<string> terms)
    {
        var vectorField = $"c.doc.{SearchIndexes.VectorField}";
        var vector = $"VectorDistance({vectorField}, @vector)";
        var conditions = new List<string> { $"c.doc.{SearchIndexes.VersionField} = @version" };
        var parameters = new List<(string Name, object Value)> { ("@vector", request.Embedding), ("@version", request.EmbeddingVersion) };
        if (request.Chat is { } chat)
        {
            conditions.Add("c.pk = @pk");
            parameters.Add(("@pk", chat));
        }

        if (request.Since is { } since)
        {
            conditions.Add($"c.doc.{SearchIndexes.DateField} >= @since");
            parameters.Add(("@since", UtcTimestampConverter.ToText(since)));
        }

        if (request.Until is { } until)
        {
            conditions.Add($"c.doc.{SearchIndexes.DateField} < @until");
            parameters.Add(("@until", UtcTimestampConverter.ToText(until)));
        }

        if (request.Classes is { } classes)
        {
            // An entry indexed before classes were (no class) counts as the empty one.
            conditions.Add($"ARRAY_CONTAINS(@classes, IS_DEFINED(c.doc.{SearchIndexes.ClassField}) ? c.doc.{SearchIndexes.ClassField} : \"\")");
            parameters.Add(("@classes", classes.ToArray()));
        }

        if (request.SenderId is { } sender)
        {
            conditions.Add($"c.doc.{SearchIndexes.SenderField} = @sender");
            parameters.Add(("@sender", sender));
        }

        if (request.TopicId is { } topic)
        {
            conditions.Add($"ARRAY_CONTAINS(c.doc.{SearchIndexes.TopicsField}, @topic)");
            parameters.Add(("@topic", topic));
        }

        var termNames = terms.Select((term, i) => (Name: $"@t{i}", Value: term)).ToList();
        parameters.AddRange(termNames.Select(t => (t.Name, (object)t.Value)));
        // Without a term (nothing but punctuation) there is no text ranking to fuse: vector order alone.
        var order = termNames.Count == 0
            ? $"ORDER BY {vector}"
            : $"ORDER BY RANK RRF({vector}, FullTextScore(c.doc.{SearchIndexes.TextField}, {string.Join(", ", termNames.Select(t => t.Name))}))";
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT TOP {request.Limit} c.doc.chat, c.doc.messageId, c.doc.date, c.doc.text, c.doc.class, c.doc.senderId, c.doc.sender, {vector} AS vectorScore
            FROM c WHERE {string.Join(" AND ", conditions)} {order}
            """);
        var definition = new QueryDefinition(sql);
        foreach (var (name, value) in parameters)
        {
            definition.WithParameter(name, value);
        }

        return definition;
    }
}
