using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

/// <summary>
/// A realistic day of a team chat with the topics it talks about, stored through the one save
/// path and analysed by the real analyzer (decisions, questions and tasks come out signal, "ok"
/// and emoji noise, the ad spam, the shouting low quality), and helpers to run and wait for
/// knowledge runs over it.
/// </summary>
internal static class Conversation
{
    public const long ChatId = -100500;
    public static readonly DateTimeOffset Day = DateTimeOffset.Parse("2026-03-10T00:00:00Z", CultureInfo.InvariantCulture); // a Tuesday

    /// <summary>(id, sender, reply to, text); a null text is a photo without a caption.</summary>
    public static readonly (long Id, string Sender, long? ReplyTo, string? Text)[] Messages =
    [
        (1, "alice", null, "The deploy to staging fails with a timeout error on the database migration."),
        (2, "bob", 1, "Restart the migration job with a longer lock timeout, that fixed it for me last week."),
        (3, "carol", null, "We decided to move the release to Thursday after the demo."),
        (4, "alice", null, "@bob please prepare the release notes by Friday."),
        (5, "dave", null, "How do we rotate the API keys without downtime?"),
        (6, "erin", null, "TIL the Cosmos emulator does not enforce composite indexes."),
        (7, "bob", null, "TODO: update the onboarding guide with the new setup steps."),
        (8, "carol", null, "Let's go with Postgres for the reporting database."),
        (9, "frank", 5, "Can you share the key rotation runbook tomorrow?"),
        (10, "erin", null, "Turns out the webhook retries were caused by a slow health check."),
        (11, "frank", null, "Is the new dashboard ready for the customer review?"),
        (12, "alice", null, "The export job crashes when a chat has more than ten thousand messages."),
        (13, "ivan", null, "Мы решили перенести созвон на среду."),
        (14, "olga", null, "@ivan пожалуйста, подготовь отчёт до пятницы."),
        (20, "bob", 4, "ok"),
        (21, "frank", null, "lol"),
        (22, "erin", null, "👍"),
        (23, "promo", null, "Earn $5000 a week from home!!! Click the link now, limited offer!!!"),
        (24, "dave", null, "WHY IS NOTHING WORKING AGAIN"),
        (25, "alice", null, "I will look at the logs after lunch."),
        (26, "carol", null, null),
    ];

    /// <summary>The topics the chat talks about, each with the words that mark it.</summary>
    public static readonly (string Id, string[] Keywords)[] Topics =
    [
        ("ops", ["deploy", "migration", "database", "webhook", "export", "cosmos", "postgres", "logs"]),
        ("release", ["release", "demo", "notes", "dashboard", "созвон", "отчёт"]),
        ("security", ["keys", "rotation", "runbook"]),
        ("docs", ["onboarding", "guide"]),
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

    /// <summary>Defines the topics (once per app), saves the messages and waits until the analysis queue has analysed each.</summary>
    public static async Task SaveAsync(SiftApp app, long chatId = ChatId, int? only = null)
    {
        foreach (var (id, keywords) in Topics)
        {
            using var response = await app.Api().PostAsJsonAsync("/api/topics", new { id, name = id, keywords });
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict);
        }

        var store = app.Get<MessageStore>();
        var saved = only is { } n ? Messages.Take(n).ToList() : [.. Messages];
        foreach (var m in saved)
        {
            await store.SaveAsync(Message(chatId, m.Id, m.Sender, m.ReplyTo, m.Text), default);
        }

        foreach (var m in saved)
        {
            await Eventually.ReturnsAsync(() => store.FindAsync(new ChatKey(chatId, null), m.Id, default), stored => stored?.Analysis is not null, $"message {m.Id} to be analysed");
        }
    }

    public static MessageDocument Message(long chatId, long id, string sender, long? replyTo, string? text) => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(chatId, null), id),
        ChatId = chatId,
        MessageId = id,
        Date = Day.AddHours(9).AddMinutes(id),
        Kind = text is null ? MessageKind.Photo : MessageKind.Text,
        Text = text,
        Chat = new ChatInfo(chatId, "supergroup", "Platform team", null),
        Sender = new SenderInfo("user", 1000 + sender.Length, char.ToUpperInvariant(sender[0]) + sender[1..], sender, false),
        ReplyToMessageId = replyTo,
        Source = "test",
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
