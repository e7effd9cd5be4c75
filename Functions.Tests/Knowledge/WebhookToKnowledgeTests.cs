using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

/// <summary>
/// Sift end to end over HTTP: a day of a team chat arrives at the webhook as Telegram updates,
/// every message is stored and analysed, search finds them, a knowledge run turns them into atoms
/// and proposals, a proposal is approved, and the digest shows the day.
/// </summary>
public sealed class WebhookToKnowledgeTests
{
    private const long BotId = 7000000001;
    private const long Chat = -1001234567890;

    [Fact]
    public async Task WebhookUpdatesBecomeAnalysedSearchableKnowledgeAndADigest()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = new SiftApp(telegram, settings: Conversation.Settings());
        await app.RegisterBotAsync(telegram, BotId);
        foreach (var (id, keywords) in Conversation.Topics)
        {
            (await app.Api().PostAsJsonAsync("/api/topics", new { id, name = id, keywords })).EnsureSuccessStatusCode();
        }

        using var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        foreach (var message in Conversation.Messages)
        {
            using var response = await webhook.PostAsync($"/api/telegram/webhook/{BotId}", Update(message.Id, message.Sender, message.ReplyTo, message.Text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var stored = await Eventually.ReturnsAsync(() => Conversation.AllAsync(app.Api(), $"/api/messages?chatId={Chat}&limit=200"),
            messages => messages.Count == Conversation.Messages.Length && messages.All(m => m.GetProperty("analysis").ValueKind == JsonValueKind.Object),
            "every message stored and analysed");
        Assert.Equal("noise", Class(stored, 21));
        Assert.Equal("spam", Class(stored, 23));
        Assert.Contains(Class(stored, 3), SignalClasses);
        Assert.Equal("security", stored.Single(m => m.GetProperty("messageId").GetInt64() == 5).GetProperty("analysis").GetProperty("topics")[0].GetProperty("id").GetString());

        var found = await app.Api().GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString("rotate API keys")}&chatId={Chat}");
        Assert.Equal(5, found.GetProperty("items")[0].GetProperty("messageId").GetInt64());

        using var start = await app.Api().PostAsJsonAsync("/api/analysis-runs", new { chatId = Chat, since = Conversation.Day, until = Conversation.Day.AddDays(1) });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var run = await Conversation.WaitAsync(app, start.Headers.Location!.OriginalString.Split('/')[^1], OrchestrationStatus.Completed);
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("output").GetProperty("batches").GetInt32() >= 3);

        var atoms = await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Chat}");
        var decision = Assert.Single(atoms, a => a.GetProperty("kind").GetString() == "decision" && a.GetProperty("sourceMessageIds")[0].GetInt64() == 3);
        Assert.Contains("Thursday", decision.GetProperty("content").GetString(), StringComparison.Ordinal);
        var proposals = await Conversation.AllAsync(app.Api(), $"/api/proposals?chatId={Chat}&status=pending");
        var notes = Assert.Single(proposals, p => p.GetProperty("owner").GetString() == "@bob" && p.GetProperty("dueDate").GetString() == "2026-03-13");
        using var approved = await app.Api().PostAsync($"/api/proposals/{Chat}/{notes.GetProperty("id").GetString()}/approve", null);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var digest = await app.Api().GetFromJsonAsync<JsonElement>($"/api/chats/{Chat}/digest?date=2026-03-10");
        Assert.Equal(Conversation.Messages.Length, digest.GetProperty("messages").GetInt64());
        Assert.Equal(atoms.Count, digest.GetProperty("atoms").GetArrayLength());
        Assert.Equal(proposals.Count - 1, digest.GetProperty("openProposals").GetArrayLength());
        Assert.Equal(1, digest.GetProperty("byClass").GetProperty("spam").GetInt64());
    }

    private static readonly string[] SignalClasses = ["signal", "high_quality"];

    private static string? Class(List<JsonElement> messages, long id) =>
        messages.Single(m => m.GetProperty("messageId").GetInt64() == id).GetProperty("analysis").GetProperty("class").GetString();

    /// <summary>A Bot API update carrying one group message, as Telegram posts it.</summary>
    private static StringContent Update(long id, string sender, long? replyTo, string? text)
    {
        var chat = new { id = Chat, title = "Platform team", type = "supergroup" };
        var date = Conversation.Day.AddHours(9).AddMinutes(id).ToUnixTimeSeconds();
        var message = new Dictionary<string, object>
        {
            ["message_id"] = id,
            ["from"] = new { id = 1000 + sender.Length, is_bot = false, first_name = char.ToUpperInvariant(sender[0]) + sender[1..], username = sender },
            ["chat"] = chat,
            ["date"] = date,
        };
        if (text is null)
        {
            message["photo"] = new[] { new { file_id = $"photo-{id}", file_unique_id = $"u{id}", width = 90, height = 90 } };
        }
        else
        {
            message["text"] = text;
        }

        if (replyTo is { } parent)
        {
            message["reply_to_message"] = new { message_id = parent, chat, date = Conversation.Day.AddHours(9).AddMinutes(parent).ToUnixTimeSeconds() };
        }

        return new StringContent(JsonSerializer.Serialize(new { update_id = 900000000 + id, message }), Encoding.UTF8, "application/json");
    }
}
