using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

public sealed class KeyEndpointTests
{
    [Fact]
    public async Task CreatedKeyIsShownOnceAndListedMasked()
    {
        await using var app = new SiftApp();

        using var created = await app.Api().PostAsJsonAsync("/api/keys", new { name = "ci", role = "reader" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/keys/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("reader", body.GetProperty("role").GetString());
        Assert.Equal($"{key[..4]}…{key[^4..]}", body.GetProperty("masked").GetString());
        var list = await app.Api().GetStringAsync("/api/keys");
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain("\"key\"", list);
        var listed = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal("ci", listed.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("createdBy").GetString()));
        Assert.DoesNotContain(app.Logs, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(SiftApp.AdminKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyListPaginatesWithContinuation()
    {
        await using var app = new SiftApp();
        for (var i = 0; i < 3; i++)
        {
            (await app.Api().PostAsJsonAsync("/api/keys", new { name = $"k{i}", role = "reader" })).EnsureSuccessStatusCode();
        }

        var first = JsonDocument.Parse(await app.Api().GetStringAsync("/api/keys?limit=2")).RootElement;
        var continuation = first.GetProperty("continuation").GetString()!;
        var second = JsonDocument.Parse(await app.Api().GetStringAsync($"/api/keys?limit=2&continuation={Uri.EscapeDataString(continuation)}")).RootElement;

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("reader", "GET", "/api/messages", HttpStatusCode.OK)]
    [InlineData("reader", "POST", "/api/sources", HttpStatusCode.Forbidden)]
    [InlineData("reader", "GET", "/api/keys", HttpStatusCode.Forbidden)]
    [InlineData("operator", "POST", "/api/sources", HttpStatusCode.BadRequest)]
    [InlineData("operator", "GET", "/api/keys", HttpStatusCode.Forbidden)]
    [InlineData("reader", "GET", "/api/topics", HttpStatusCode.OK)]
    [InlineData("reader", "POST", "/api/topics", HttpStatusCode.Forbidden)]
    [InlineData("operator", "POST", "/api/topics", HttpStatusCode.BadRequest)]
    [InlineData("reader", "POST", "/api/messages/reanalyze", HttpStatusCode.Forbidden)]
    [InlineData("reader", "PUT", "/api/messages/1/1/label", HttpStatusCode.Forbidden)]
    [InlineData("operator", "PUT", "/api/messages/1/1/label", HttpStatusCode.BadRequest)]
    [InlineData("reader", "GET", "/api/labels", HttpStatusCode.OK)]
    [InlineData("admin", "GET", "/api/keys", HttpStatusCode.OK)]
    [InlineData("reader", "GET", "/api/providers", HttpStatusCode.Forbidden)]
    [InlineData("operator", "GET", "/api/providers", HttpStatusCode.Forbidden)]
    [InlineData("operator", "POST", "/api/providers", HttpStatusCode.Forbidden)]
    [InlineData("admin", "POST", "/api/providers", HttpStatusCode.BadRequest)]
    [InlineData("reader", "GET", "/api/agents", HttpStatusCode.Forbidden)]
    [InlineData("operator", "POST", "/api/agents", HttpStatusCode.Forbidden)]
    [InlineData("admin", "GET", "/api/agents", HttpStatusCode.OK)]
    [InlineData("reader", "GET", "/api/usage", HttpStatusCode.OK)]
    public async Task CreatedKeyHasTheRoleItWasGiven(string role, string method, string url, HttpStatusCode expected)
    {
        await using var app = new SiftApp();
        var client = await ClientWithRoleAsync(app, role);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("reader", "POST", "/api/topics", "This API key's role is reader; this needs operator.")]
    [InlineData("operator", "GET", "/api/keys", "This API key's role is operator; this needs admin.")]
    public async Task ForbiddenNamesTheKeysRoleAndTheRoleNeeded(string role, string method, string url, string sentence)
    {
        await using var app = new SiftApp();
        var client = await ClientWithRoleAsync(app, role);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });

        var problem = await Sift.Tests.Api.Problems.AssertAsync(response, 403);
        Assert.StartsWith(sentence, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ci", "root", "role")]
    [InlineData("ci", null, "role")]
    [InlineData("", "reader", "name")]
    [InlineData(null, "reader", "name")]
    public async Task InvalidKeyRequestIs400NamingTheField(string? name, string? role, string field)
    {
        await using var app = new SiftApp();

        using var response = await app.Api().PostAsJsonAsync("/api/keys", new { name, role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages));
        if (field == "role")
        {
            Assert.Contains("reader, operator, admin", messages[0].GetString());
        }
    }

    [Fact]
    public async Task TooLongNameIs400()
    {
        await using var app = new SiftApp();

        using var response = await app.Api().PostAsJsonAsync("/api/keys", new { name = new string('n', 101), role = "reader" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RevokedKeyStopsWorkingAtOnce()
    {
        await using var app = new SiftApp();
        var (client, id) = await CreateAsync(app, "operator");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);

        using var revoked = await app.Api().DeleteAsync($"/api/keys/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/messages")).StatusCode);
        Assert.DoesNotContain(id, await app.Api().GetStringAsync("/api/keys"));
    }

    [Fact]
    public async Task RevokingAnUnknownKeyIs404()
    {
        await using var app = new SiftApp();

        using var response = await app.Api().DeleteAsync("/api/keys/no-such-key");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task KeyCannotRevokeItself()
    {
        await using var app = new SiftApp();
        var (client, id) = await CreateAsync(app, "admin");

        using var response = await client.DeleteAsync($"/api/keys/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys")).StatusCode);
    }

    [Fact]
    public async Task ChangingTheBootstrapKeyRevokesThePreviousOne()
    {
        using var data = new TempDirectory();
        const string next = "next-bootstrap-admin-key-0123456789abcdef";
        await using (var first = new SiftApp(dataPath: data.Path))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.Api().GetAsync("/api/keys")).StatusCode);
        }

        await using var second = new SiftApp(dataPath: data.Path, settings: new Dictionary<string, string?> { ["Auth:BootstrapAdminKey"] = next });

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Api().GetAsync("/api/keys")).StatusCode);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", next);
        var keys = JsonDocument.Parse(await client.GetStringAsync("/api/keys")).RootElement.GetProperty("items");
        Assert.Equal("bootstrap-admin", Assert.Single(keys.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownKeysAreNotCached()
    {
        // The per-address budget of failed attempts is FailedAuthenticationTests' subject, not this test's.
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["RateLimits:FailedAuthenticationsPerMinute"] = "1000" });
        var client = app.CreateClient();
        var cache = (MemoryCache)app.Get<IMemoryCache>();
        (await app.Api().GetAsync("/api/messages")).EnsureSuccessStatusCode();
        var before = cache.Count;

        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages") { Headers = { { "X-Api-Key", $"guess-{i}" } } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(before, cache.Count);
    }

    private static async Task<HttpClient> ClientWithRoleAsync(SiftApp app, string role) => (await CreateAsync(app, role)).Client;

    private static async Task<(HttpClient Client, string Id)> CreateAsync(SiftApp app, string role)
    {
        using var created = await app.Api().PostAsJsonAsync("/api/keys", new { name = role, role });
        created.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", body.GetProperty("key").GetString());
        return (client, body.GetProperty("id").GetString()!);
    }
}
