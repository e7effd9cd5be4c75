using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

/// <summary>
/// A realistic day of a team chat, stored through the one save path with the analysis set by hand
/// (the class a real scorer would obviously give: decisions, questions and tasks are signal,
/// "ok" and emoji noise, ads spam), and helpers to run and wait for knowledge runs over it.
/// </summary>
internal static class Conversation
{
    public const long ChatId = -100500;
    public static readonly DateTimeOffset Day = DateTimeOffset.Parse("2026-03-10T00:00:00Z", CultureInfo.InvariantCulture); // a Tuesday

    /// <summary>(id, sender, reply to, text, class, topic); a null class is a message not analysed yet.</summary>
    public static readonly (long Id, string Sender, long? ReplyTo, string? Text, MessageClass? Class, string Topic)[] Messages =
    [
        (1, "alice", null, "The deploy to staging fails with a timeout error on the database migration.", MessageClass.HighQuality, "ops"),
        (2, "bob", 1, "Restart the migration job with a longer lock timeout, that fixed it for me last week.", MessageClass.Signal, "ops"),
        (3, "carol", null, "We decided to move the release to Thursday after the demo.", MessageClass.HighQuality, "release"),
        (4, "alice", null, "@bob please prepare the release notes by Friday.", MessageClass.Signal, "release"),
        (5, "dave", null, "How do we rotate the API keys without downtime?", MessageClass.Signal, "security"),
        (6, "erin", null, "TIL the Cosmos emulator does not enforce composite indexes.", MessageClass.Signal, "ops"),
        (7, "bob", null, "TODO: update the onboarding guide with the new setup steps.", MessageClass.Signal, "docs"),
        (8, "carol", null, "Let's go with Postgres for the reporting database.", MessageClass.HighQuality, "ops"),
        (9, "frank", 5, "Can you share the key rotation runbook tomorrow?", MessageClass.Signal, "security"),
        (10, "erin", null, "Turns out the webhook retries were caused by a slow health check.", MessageClass.Signal, "ops"),
        (11, "frank", null, "Is the new dashboard ready for the customer review?", MessageClass.Signal, "release"),
        (12, "alice", null, "The export job crashes when a chat has more than ten thousand messages.", MessageClass.Signal, "ops"),
        (13, "ivan", null, "Мы решили перенести созвон на среду.", MessageClass.Signal, "release"),
        (14, "olga", null, "@ivan пожалуйста, подготовь отчёт до пятницы.", MessageClass.Signal, "release"),
        (20, "bob", 4, "ok", MessageClass.Noise, "uncategorized"),
        (21, "frank", null, "lol", MessageClass.Noise, "uncategorized"),
        (22, "erin", null, "👍", MessageClass.Noise, "uncategorized"),
        (23, "promo", null, "Earn $5000 a week from home!!! Click the link now, limited offer!!!", MessageClass.Spam, "uncategorized"),
        (24, "dave", null, "hmm maybe later", MessageClass.LowQuality, "uncategorized"),
        (25, "alice", null, "I will look at the logs after lunch.", null, "uncategorized"),
        (26, "carol", null, null, null, "uncategorized"),
    ];

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Orchestration:RetryDelay"] = "00:00:00.050", ["Analysis:BatchTokenBudget"] = "100" };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task SaveAsync(SiftApp app, long chatId = ChatId, int? only = null)
    {
        var store = app.Get<MessageStore>();
        foreach (var m in only is { } n ? Messages.Take(n) : Messages)
        {
            await store.SaveAsync(Message(chatId, m.Id, m.Sender, m.ReplyTo, m.Text, m.Class, m.Topic), default);
        }
    }

    public static MessageDocument Message(long chatId, long id, string sender, long? replyTo, string? text, MessageClass? kind, string topic) => new()
    {
        Id = MessageDocument.MakeId(chatId, id),
        ChatId = chatId,
        MessageId = id,
        Date = Day.AddHours(9).AddMinutes(id),
        Kind = text is null ? MessageKind.Photo : MessageKind.Text,
        Text = text,
        Chat = new ChatInfo(chatId, "supergroup", "Platform team", null),
        Sender = new SenderInfo("user", 1000 + sender.Length, char.ToUpperInvariant(sender[0]) + sender[1..], sender, false),
        ReplyToMessageId = replyTo,
        Source = "test",
        Analysis = kind is not { } c ? null : new MessageAnalysis
        {
            TextHash = "h" + id, AnalyzerVersion = "test", TopicsVersion = "test", EmbeddingVersion = "test", AnalyzedAt = Day,
            Class = c, Importance = c switch { MessageClass.HighQuality => 0.9, MessageClass.Signal => 0.6 + (id / 100.0), MessageClass.LowQuality => 0.3, _ => 0.05 },
            Topics = [new TopicMatch(topic, topic, 0.8)], TopicIds = [topic],
        },
    };

    public static object Window(long chatId = ChatId) => new { chatId, since = Day, until = Day.AddDays(1) };

    public static string InstanceId(long chatId = ChatId) => $"analysis-{chatId}-20260310T000000-20260311T000000";

    /// <summary>Starts the run of the day's window and waits until it has ended; returns its status.</summary>
    public static async Task<JsonElement> RunAsync(SiftApp app, long chatId = ChatId)
    {
        using var start = await app.Api().PostAsJsonAsync("/api/analysis-runs", Window(chatId));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, start.StatusCode);
        var run = await WaitAsync(app, InstanceId(chatId), OrchestrationStatus.Completed);
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        return run;
    }

    public static Task<JsonElement> WaitAsync(SiftApp app, string instanceId, OrchestrationStatus status) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await app.Api().GetAsync($"/api/analysis-runs/{instanceId}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("status").GetString() is { } now && (now == status.ToString() || now is "Failed" or "Terminated"),
            $"{instanceId} to be {status}");

    public static async Task<List<JsonElement>> AllAsync(HttpClient api, string url)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await api.GetFromJsonAsync<JsonElement>(continuation is null ? url : $"{url}{separator}continuation={Uri.EscapeDataString(continuation)}");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        return items;
    }
}
