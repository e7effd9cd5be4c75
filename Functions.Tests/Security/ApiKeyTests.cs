using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Security;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/chats")]
    [InlineData("/api/bots")]
    [InlineData("/api/messages/1/1")]
    [InlineData("/api/no-such-route")]
    public async Task ApiNeedsAKey(string url)
    {
        await using var app = new SiftApp();

        using var missing = await app.CreateClient().GetAsync(url);
        var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        using var wrong = await wrongKey.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthNeedsNoKey()
    {
        await using var app = new SiftApp();

        using var response = await app.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FirstStartWithoutABootstrapKeyGeneratesOneAndStoresOnlyItsHash()
    {
        using var data = new TempDirectory();
        var output = new StringWriter();
        string key;
        await using (var first = Unconfigured(data.Path, output))
        {
            first.CreateClient();
            key = System.Text.RegularExpressions.Regex.Match(output.ToString(), "admin key: (sk_[A-Za-z0-9_-]+)").Groups[1].Value;
            Assert.NotEmpty(key);
            var client = first.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);
            Assert.DoesNotContain(first.Logs, line => line.Contains(key, StringComparison.Ordinal));
        }

        await using (var second = Unconfigured(data.Path, output))
        {
            second.CreateClient();
        }

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output.ToString(), "admin key: sk_"));
        var stored = string.Concat(Directory.GetFiles(data.Path).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(key, stored);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), stored);
    }

    /// <summary>An app without a bootstrap key whose generated key is printed to <paramref name="output"/>, not the process's console.</summary>
    private static SiftApp Unconfigured(string dataPath, TextWriter output) =>
        new(dataPath: dataPath, settings: new Dictionary<string, string?> { ["Auth:BootstrapAdminKey"] = "" })
        {
            ExtraServices = services => services.AddSingleton(new AdminKeyConsole(output)),
        };

    [Fact]
    public async Task KeysStoredByAnEarlierVersionKeepWorkingAndCanBeListedAndRevoked()
    {
        using var data = new TempDirectory();
        const string earlierKey = "sk_stored-before-keys-had-a-public-id";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(earlierKey)));
        await using (var first = new SiftApp(dataPath: data.Path))
        {
            var earlier = JsonSerializer.SerializeToElement(new { id = hash, name = "old", role = "operator", createdAt = "2026-01-01T00:00:00.000Z" });
            await first.Get<Sift.Storage.IDocumentStore>().UpsertAsync(ApiKeyStore.Collection, "apikeys", hash, earlier, default);
        }

        await using var app = new SiftApp(dataPath: data.Path);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", earlierKey);
        using var read = await client.GetAsync("/api/messages");
        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/keys");
        var old = listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "old");
        using var revoke = await app.Api().DeleteAsync($"/api/keys/{old.GetProperty("id").GetString()}");
        using var afterRevoke = await client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(hash[..12], old.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }
}
