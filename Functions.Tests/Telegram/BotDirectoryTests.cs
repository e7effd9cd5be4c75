using System.Net;
using System.Text;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

public sealed class BotDirectoryTests
{
    [Fact]
    public async Task UnknownBotIdsAreNotCached()
    {
        await using var app = new SiftApp();
        var directory = app.Get<BotDirectory>();

        for (var botId = 1; botId <= 500; botId++)
        {
            Assert.Null(await directory.WebhookSecretAsync(botId, default));
        }

        Assert.Equal(0, directory.Count);
    }

    [Fact]
    public async Task BotRegisteredOnAnotherInstanceIsAcceptedAtOnce()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        using var data = new TempDirectory();
        await using var here = new SiftApp(telegram, dataPath: data.Path);
        await using var there = new SiftApp(telegram, dataPath: data.Path);
        const long botId = 7000000002;
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostUpdateAsync(here, botId, "no secret yet")).StatusCode);

        await there.RegisterBotAsync(telegram, botId);

        Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(here, botId, there.WebhookSecret(botId))).StatusCode);
    }

    internal static Task<HttpResponseMessage> PostUpdateAsync(SiftApp app, long botId, string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return client.PostAsync($"/api/telegram/webhook/{botId}", new StringContent("""{"update_id": 1}""", Encoding.UTF8, "application/json"));
    }
}
