using System.Globalization;
using System.Text;
using System.Text.Json;
using Sift.Analysis;
using Sift.Api;

namespace Sift.Llm;

/// <summary>
/// The extract purpose served by an agent: one batch of a chat's messages (scrubbed of personal
/// data) goes to the model under a strict JSON schema; the atoms it returns are checked against
/// the batch (kinds, confidences, dates, cited ids) and get the personal data back.
/// </summary>
internal sealed class ModelKnowledgeExtractor(IModelClient client, ModelTarget target, ModelCalls calls, ModelPrivacy privacy) : IKnowledgeExtractor
{
    private static readonly string[] Kinds = [.. EnumQuery.Names<AtomKind>().Select(k => k.Name)];

    private const string System = """
        You extract knowledge from a batch of a team chat's messages. Each message is a line
        "[id] date sender (reply to id): text". Return the atoms the messages state, and nothing
        they do not: decision (something agreed or chosen), problem (something broken or failing),
        solution (what fixed a problem), question (asked and worth answering), insight (something
        learned), action_item (a task someone is to do). Give each a short title (at most 80
        characters), its content in the chat's own words, a confidence from 0 to 1, the owner
        (@username or name) and the due date (YYYY-MM-DD, resolved against the message's date) when
        the text gives them, else null, and the ids of the messages it comes from. Placeholders such
        as [EMAIL_1] or [USER_1] stand for removed personal data: keep them as they are.
        """;

    public string Version => target.Version;

    public async Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken)
    {
        var scrubbed = privacy.Scrub(Listing(batch));
        var ids = batch.Messages.Select(m => m.MessageId).ToHashSet();
        try
        {
            var answer = await client.CompleteJsonAsync(target, new ModelPrompt(System, scrubbed.Text), "knowledge", Schema, json => Check(json, ids), cancellationToken);
            await calls.RecordAsync(answer.Usage, answer.Calls, batch.RunId, cancellationToken);
            return new Extraction(Atoms(answer.Value, scrubbed), answer.Usage.Total);
        }
        catch (ModelOutputException e)
        {
            await calls.RecordAsync(e.Usage, 2, batch.RunId, cancellationToken);
            throw;
        }
    }

    private static string Listing(ExtractionBatch batch)
    {
        var text = new StringBuilder();
        foreach (var m in batch.Messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{m.MessageId}] {m.Date:yyyy-MM-dd HH:mm} {m.SenderUsername ?? m.SenderName ?? "someone"}");
            text.Append(m.ReplyToMessageId is { } parent ? string.Create(CultureInfo.InvariantCulture, $" (reply to {parent})") : "");
            text.Append(": ").AppendLine(m.Text.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }

    private static List<ExtractedAtom> Atoms(JsonElement answer, Scrubbed scrubbed) =>
        answer.GetProperty("atoms").EnumerateArray().Select(a => new ExtractedAtom(
            EnumQuery.Parse<AtomKind>(a.GetProperty("kind").GetString(), "kind")!.Value,
            scrubbed.Restore(a.GetProperty("title").GetString()!),
            scrubbed.Restore(a.GetProperty("content").GetString()!),
            a.GetProperty("confidence").GetDouble(),
            null,
            a.GetProperty("owner").GetString() is { Length: > 0 } owner ? scrubbed.Restore(owner) : null,
            a.GetProperty("dueDate").GetString() is { } due ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            a.GetProperty("sourceMessageIds").EnumerateArray().Select(i => i.GetInt64()).ToList())).ToList();

    /// <returns>Why the answer does not fit (sent back to the model once), or null.</returns>
    private static string? Check(JsonElement answer, HashSet<long> ids)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("atoms", out var atoms) || atoms.ValueKind != JsonValueKind.Array)
        {
            return "The answer must be an object with an 'atoms' array.";
        }

        var index = 0;
        foreach (var atom in atoms.EnumerateArray())
        {
            if (CheckAtom(atom, ids) is { } problem)
            {
                return $"atoms[{index}]: {problem}";
            }

            index++;
        }

        return null;
    }

    private static string? CheckAtom(JsonElement atom, HashSet<long> ids) =>
        atom.ValueKind != JsonValueKind.Object ? "an atom must be an object."
        : !atom.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || !Kinds.Contains(kind.GetString()) ? $"kind must be one of {string.Join(", ", Kinds)}."
        : !atom.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(title.GetString()) ? "title must be a non-empty string."
        : !atom.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String ? "content must be a string."
        : !atom.TryGetProperty("confidence", out var confidence) || confidence.ValueKind != JsonValueKind.Number || confidence.GetDouble() is < 0 or > 1 ? "confidence must be a number from 0 to 1."
        : !atom.TryGetProperty("owner", out var owner) || owner.ValueKind is not (JsonValueKind.String or JsonValueKind.Null) ? "owner must be a string or null."
        : !atom.TryGetProperty("dueDate", out var due) || !IsDate(due) ? "dueDate must be a date as YYYY-MM-DD, or null."
        : !atom.TryGetProperty("sourceMessageIds", out var sources) || sources.ValueKind != JsonValueKind.Array || sources.GetArrayLength() == 0
            || sources.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Number || !i.TryGetInt64(out var id) || !ids.Contains(id))
            ? $"sourceMessageIds must list ids of the batch's messages ({string.Join(", ", ids.Order())})."
        : null;

    private static bool IsDate(JsonElement due) => due.ValueKind == JsonValueKind.Null
        || due.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(due.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static readonly BinaryData Schema = BinaryData.FromObjectAsJson(new
    {
        type = "object",
        additionalProperties = false,
        required = new[] { "atoms" },
        properties = new
        {
            atoms = new
            {
                type = "array",
                items = new
                {
                    type = "object",
                    additionalProperties = false,
                    required = new[] { "kind", "title", "content", "confidence", "owner", "dueDate", "sourceMessageIds" },
                    properties = new
                    {
                        kind = new { type = "string", @enum = Kinds },
                        title = new { type = "string" },
                        content = new { type = "string" },
                        confidence = new { type = "number" },
                        owner = new { type = new[] { "string", "null" } },
                        dueDate = new { type = new[] { "string", "null" } },
                        sourceMessageIds = new { type = "array", items = new { type = "integer" } },
                    },
                },
            },
        },
    });
}
