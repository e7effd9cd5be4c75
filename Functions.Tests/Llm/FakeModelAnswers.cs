using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sift.Tests.Llm;

/// <summary>
/// What the fake model answers Sift's own prompts with, read from the request as a model would:
/// topics by the words each listed topic gives, atoms by cue words on each listed message line.
/// Deterministic, so tests can say what the model returns.
/// </summary>
internal static partial class FakeModelAnswers
{
    public static string SchemaOf(JsonElement request) =>
        request.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString()!;

    public static string UserPrompt(JsonElement request) =>
        request.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("role").GetString() == "user").GetProperty("content").ToString();

    public static string Respond(JsonElement request) => SchemaOf(request) switch
    {
        "topics" => Topics(UserPrompt(request)),
        "knowledge" => Knowledge(UserPrompt(request)),
        var other => throw new InvalidOperationException($"No answer for schema '{other}'."),
    };

    private static string Topics(string prompt)
    {
        var message = prompt[(prompt.IndexOf("Message:\n", StringComparison.Ordinal) + 9)..].ToLowerInvariant();
        var matched = TopicLine().Matches(prompt)
            .Where(m => m.Groups["words"].Value.Split(", ").Any(w => message.Contains(w, StringComparison.Ordinal)))
            .Select(m => new { topicId = m.Groups["id"].Value, confidence = 0.9 }).Take(3).ToList();
        return JsonSerializer.Serialize(new { topics = matched.Count > 0 ? matched : [new { topicId = "uncategorized", confidence = 1.0 }] });
    }

    private static string Knowledge(string prompt)
    {
        var atoms = new List<object>();
        foreach (Match line in MessageLine().Matches(prompt))
        {
            var (id, text) = (long.Parse(line.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), line.Groups["text"].Value.Trim());
            var kind = text.Contains("decided", StringComparison.OrdinalIgnoreCase) || text.Contains("решили", StringComparison.OrdinalIgnoreCase) ? "decision"
                : text.StartsWith('@') || text.Contains("please", StringComparison.OrdinalIgnoreCase) ? "action_item"
                : text.EndsWith('?') ? "question"
                : null;
            if (kind is not null)
            {
                var owner = Mention().Match(text) is { Success: true } m ? m.Value : null;
                atoms.Add(new { kind, title = text.Length > 60 ? text[..60] : text, content = text, confidence = 0.8, owner, dueDate = (string?)null, sourceMessageIds = new[] { id } });
            }
        }

        return JsonSerializer.Serialize(new { atoms });
    }

    [GeneratedRegex(@"^- (?<id>[a-z0-9-]+): .*\(words: (?<words>[^)]*)\)$", RegexOptions.Multiline)]
    private static partial Regex TopicLine();

    [GeneratedRegex(@"^\[(?<id>\d+)\] \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+(?: \(reply to \d+\))?: (?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex MessageLine();

    [GeneratedRegex(@"@\w+|\[USER_\d+\]")]
    private static partial Regex Mention();
}
