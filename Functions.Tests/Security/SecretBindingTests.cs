using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sift.Security;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

public sealed class SecretBindingTests
{
    private static readonly SecretBinding Bot = new("bots", "7000000001", "protectedToken");

    [Theory]
    [InlineData("bots", "7000000002", "protectedToken")]
    [InlineData("providers", "7000000001", "protectedToken")]
    [InlineData("bots", "7000000001", "protectedApiKey")]
    public void ASecretCopiedToAnotherRecordOrFieldDoesNotDecrypt(string collection, string id, string field)
    {
        var secrets = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        var protectedValue = secrets.Protect("7000000001:AAsecret", Bot);

        Assert.Equal("7000000001:AAsecret", secrets.Unprotect(protectedValue, Bot));
        Assert.ThrowsAny<CryptographicException>(() => secrets.Unprotect(protectedValue, new SecretBinding(collection, id, field)));
    }

    [Theory]
    [InlineData("v2:not base64!")]
    [InlineData("v2:AAAA")]
    [InlineData("v1:AAAA")]
    public void AMalformedSecretIsACryptographicError(string protectedValue) =>
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(protectedValue, Bot));

    [Fact]
    public async Task ATokenStoredUnboundIsBoundToItsBotAtStartAndStillWorks()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        var botId = await app.RegisterBotAsync(telegram);
        var store = app.Get<IDocumentStore>();
        var token = app.Get<SecretProtector>().Unprotect(
            (await store.GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), default))!.Value.ProtectedToken, BotRegistry.TokenBinding(botId));
        await store.ModifyAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId),
            bot => bot! with { ProtectedToken = ProtectAsVersion1(app.Get<SecretProtector>(), token) }, default);

        await app.Services.GetServices<IHostedService>().OfType<ProtectedSecretsUpgrade>().Single().StartAsync(default);
        var rebound = (await store.GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), default))!.Value.ProtectedToken;
        using var deleted = await app.Api().DeleteAsync($"/api/bots/{botId}");

        Assert.StartsWith("v2:", rebound, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(token, Assert.Single(telegram.CallsOf("deleteWebhook")).Token);
    }

    /// <summary>The format before secrets were bound to their records: only the version was associated data.</summary>
    private static string ProtectAsVersion1(SecretProtector secrets, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + data.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(secrets.DeriveKey("sift/secrets-at-rest"), 16);
        aes.Encrypt(output.AsSpan(0, 12), data, output.AsSpan(12, data.Length), output.AsSpan(12 + data.Length), "v1"u8);
        return "v1:" + Convert.ToBase64String(output);
    }
}
