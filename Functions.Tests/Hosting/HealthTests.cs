using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

public sealed class HealthTests
{
    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/health/ready")]
    public async Task HealthAnswersGetAndHeadWithoutAKey(string path)
    {
        await using var app = new SiftApp();
        var client = app.CreateClient();

        using var get = await client.GetAsync(path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/health")]
    [InlineData("DELETE", "/api/health")]
    [InlineData("PUT", "/api/health/ready")]
    [InlineData("POST", "/api/health/ready")]
    public async Task OtherMethodsOnHealthAre405Problems(string method, string path)
    {
        await using var app = new SiftApp();

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReadyTellsStrangersOnlyItsStatusAndKeyHoldersWhy()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false", ["Llm:Agents:Classify"] = "ghost" });
        using var created = await app.Api().PostAsJsonAsync("/api/keys", new { name = "dashboard", role = "reader" });
        var reader = app.CreateClient();
        reader.DefaultRequestHeaders.Add("X-Api-Key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");

        using var anonymous = await app.CreateClient().GetAsync("/api/health/ready");
        using var wrongKey = await stranger.GetAsync("/api/health/ready");
        using var withKey = await reader.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);
        Assert.Equal(["status"], (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(p => p.Name));
        Assert.Equal(await anonymous.Content.ReadAsStringAsync(), await wrongKey.Content.ReadAsStringAsync());
        Assert.DoesNotContain("ghost", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, withKey.StatusCode);
        Assert.Contains("names agent 'ghost'", (await withKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("llm-providers").GetProperty("description").GetString());
    }
}
