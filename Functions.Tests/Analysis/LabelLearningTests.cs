using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Analysis;

/// <summary>
/// The scorer learns from people's labels, end to end: messages arrive at the webhook as Telegram
/// updates, an operator labels one, and what arrives next, in any chat, is analysed with it.
/// </summary>
public sealed class LabelLearningTests : IAsyncLifetime
{
    private const long BotId = 7000000001;
    private const long Lounge = -1001000000001, Market = -1001000000002, Yard = -1001000000003, Hall = -1001000000004;
    private const string NearCopy = "Hello all, our company is looking for remote assistants, two hours a day, weekly payment, write to me in private messages for details";
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;
    private HttpClient webhook = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram);
        await app.RegisterBotAsync(telegram, BotId);
        webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
    }

    public async Task DisposeAsync()
    {
        webhook.Dispose();
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task ASpamWaveLabelledOnceMakesTheNextNearCopyFromAnotherSenderInAnotherChatSpam()
    {
        await PostAsync(Lounge, 1, sender: 501,
            "Hello friends, our company is looking for remote assistants, two hours a day, weekly pay, write to me in private messages for the details");
        await PostAsync(Yard, 3, sender: 505, NearCopy);
        Assert.NotEqual("spam", (await AnalysedAsync(Lounge, 1)).GetProperty("analysis").GetProperty("class").GetString());
        Assert.NotEqual("spam", (await AnalysedAsync(Yard, 3)).GetProperty("analysis").GetProperty("class").GetString());

        (await app.Api().PutAsJsonAsync($"/api/messages/{Lounge}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();
        await PostAsync(Market, 7, sender: 502, NearCopy);

        var copy = (await AnalysedAsync(Market, 7)).GetProperty("analysis");
        Assert.Equal("spam", copy.GetProperty("class").GetString());
        var factor = copy.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "labelled_copy");
        Assert.StartsWith($"like message {Lounge}:1, labelled spam by a person; similarity", factor.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelabelTakesTheWaveBackSoTheNextCopyIsNotSpam()
    {
        await PostAsync(Lounge, 1, sender: 501,
            "Hello friends, our company is looking for remote assistants, two hours a day, weekly pay, write to me in private messages for the details");
        await AnalysedAsync(Lounge, 1);
        (await app.Api().PutAsJsonAsync($"/api/messages/{Lounge}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();
        await PostAsync(Market, 7, sender: 502, NearCopy);
        Assert.Equal("spam", (await AnalysedAsync(Market, 7)).GetProperty("analysis").GetProperty("class").GetString());

        (await app.Api().PutAsJsonAsync($"/api/messages/{Lounge}/1/label", new { @class = "signal" })).EnsureSuccessStatusCode();
        await PostAsync(Hall, 8, sender: 506, NearCopy);

        var copy = (await AnalysedAsync(Hall, 8)).GetProperty("analysis");
        Assert.NotEqual("spam", copy.GetProperty("class").GetString());
        Assert.Contains(copy.GetProperty("factors").EnumerateArray(), f => f.GetProperty("detail").GetString()?.Contains("labelled signal", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ASenderLabelledSpamCarriesThatToTheirNextMessageInAnyChat()
    {
        await PostAsync(Lounge, 1, sender: 503, "Visit my page for the best prices on sneakers and bags, delivery to every city");
        await AnalysedAsync(Lounge, 1);
        (await app.Api().PutAsJsonAsync($"/api/messages/{Lounge}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();

        await PostAsync(Market, 2, sender: 503, "Does anyone know a good dentist near the central station?");
        await PostAsync(Market, 3, sender: 504, "Does anyone know a good dentist near the central station?");

        var factors = (await AnalysedAsync(Market, 2)).GetProperty("analysis").GetProperty("factors").EnumerateArray();
        var prior = Assert.Single(factors, f => f.GetProperty("name").GetString() == "sender_labelled_spam");
        Assert.Equal("1 of the sender's 1 labelled messages are spam", prior.GetProperty("detail").GetString());
        Assert.True(prior.GetProperty("weight").GetDouble() < 0);
        Assert.DoesNotContain((await AnalysedAsync(Market, 3)).GetProperty("analysis").GetProperty("factors").EnumerateArray(),
            f => f.GetProperty("name").GetString() == "sender_labelled_spam");
    }

    private async Task PostAsync(long chat, long messageId, long sender, string text)
    {
        var update = new
        {
            update_id = 900000000 + (chat % 1000 * 100) + messageId,
            message = new
            {
                message_id = messageId,
                from = new { id = sender, is_bot = false, first_name = $"Member {sender}" },
                chat = new { id = chat, title = $"Chat {chat}", type = "supergroup" },
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                text,
            },
        };
        using var response = await webhook.PostAsJsonAsync($"/api/telegram/webhook/{BotId}", update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<JsonElement> AnalysedAsync(long chat, long messageId) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{chat}/{messageId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object && m.GetProperty("analysis").ValueKind == JsonValueKind.Object, $"message {chat}:{messageId} to be analysed");
}
