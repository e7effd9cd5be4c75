using System.Text.Json;
using Sift.Analysis;
using Sift.Topics;

namespace Sift.Llm;

/// <summary>
/// The classify purpose served by an agent: the model picks at most three of the user's topics
/// for a message (scrubbed of personal data), under a strict JSON schema whose topic ids are an
/// enumeration of the topics that exist.
/// </summary>
internal sealed class ModelTopicClassifier(IModelClient client, ModelTarget target, ModelCalls calls, ModelPrivacy privacy) : ITopicClassifier
{
    private const int MaxTopics = 3;
    private static readonly string[] Required = ["topics"];
    private static readonly string[] RequiredOfTopic = ["topicId", "confidence"];
    private const string System = """
        You classify one message of a team chat into the topics it is about. Choose at most three of
        the listed topic ids, most fitting first, each with a confidence from 0 to 1. When none fits,
        answer only "uncategorized". Placeholders such as [EMAIL_1] stand for removed personal data.
        """;

    public string Version => target.Version;

    public async Task<IReadOnlyList<TopicMatch>> ClassifyAsync(string text, IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        if (topics.Count == 0 || string.IsNullOrWhiteSpace(text))
        {
            return [new TopicMatch(TopicMatch.UncategorizedId, "Uncategorized", 1)];
        }

        var ids = topics.Select(t => t.Id).Append(TopicMatch.UncategorizedId).ToList();
        var listing = string.Join('\n', topics.Select(t =>
            $"- {t.Id}: {t.Name}{(t.Description is { } d ? $" — {d}" : "")}{(t.Keywords.Count > 0 ? $" (words: {string.Join(", ", t.Keywords)})" : "")}"));
        var prompt = new ModelPrompt(System, $"Topics:\n{listing}\n\nMessage:\n{privacy.Scrub(text).Text}");
        try
        {
            var answer = await client.CompleteJsonAsync(target, prompt, "topics", Schema(ids), json => Check(json, ids), cancellationToken);
            await calls.RecordAsync(answer.Usage, answer.Calls, null, cancellationToken);
            return Matches(answer.Value, topics);
        }
        catch (ModelOutputException e)
        {
            await calls.RecordAsync(e.Usage, 2, null, cancellationToken);
            throw;
        }
    }

    private static List<TopicMatch> Matches(JsonElement answer, IReadOnlyList<Topic> topics)
    {
        var names = topics.ToDictionary(t => t.Id, t => t.Name);
        var matches = answer.GetProperty("topics").EnumerateArray()
            .Select(t => (Id: t.GetProperty("topicId").GetString()!, Confidence: Math.Clamp(t.GetProperty("confidence").GetDouble(), 0, 1)))
            .Where(t => names.ContainsKey(t.Id)).DistinctBy(t => t.Id).OrderByDescending(t => t.Confidence).Take(MaxTopics)
            .Select(t => new TopicMatch(t.Id, names[t.Id], Math.Round(t.Confidence, 2))).ToList();
        return matches.Count > 0 ? matches : [new TopicMatch(TopicMatch.UncategorizedId, "Uncategorized", 1)];
    }

    private static string? Check(JsonElement answer, IReadOnlyList<string> ids)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("topics", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "The answer must be an object with a 'topics' array.";
        }

        foreach (var topic in list.EnumerateArray())
        {
            if (!topic.TryGetProperty("topicId", out var id) || id.ValueKind != JsonValueKind.String || !ids.Contains(id.GetString()!))
            {
                return $"Every topicId must be one of: {string.Join(", ", ids)}.";
            }

            if (!topic.TryGetProperty("confidence", out var confidence) || confidence.ValueKind != JsonValueKind.Number || confidence.GetDouble() is < 0 or > 1)
            {
                return "Every confidence must be a number from 0 to 1.";
            }
        }

        return list.GetArrayLength() > MaxTopics ? $"Give at most {MaxTopics} topics." : null;
    }

    private static BinaryData Schema(IReadOnlyList<string> ids) => BinaryData.FromObjectAsJson(new
    {
        type = "object",
        additionalProperties = false,
        required = Required,
        properties = new
        {
            topics = new
            {
                type = "array",
                items = new
                {
                    type = "object",
                    additionalProperties = false,
                    required = RequiredOfTopic,
                    properties = new { topicId = new { type = "string", @enum = ids }, confidence = new { type = "number" } },
                },
            },
        },
    });
}
