using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>Control characters in request bodies and times at the ends of the calendar, read in the one strict place.</summary>
public sealed class RequestTextTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/api/topics", """{"name": "Deploys\r\nWARN forged"}""", "name")]
    [InlineData("/api/topics", """{"name": "Deploys", "keywords": ["ok", "bell\u0007"]}""", "keywords[1]")]
    [InlineData("/api/topics", """{"name": "Deploys", "description": "two\r\nlines"}""", "description")]
    [InlineData("/api/topics", """{"name": "Deploys", "description": "\u001b[2J"}""", "description")]
    [InlineData("/api/keys", """{"name": "ci\u0000", "role": "reader"}""", "name")]
    [InlineData("/api/sources", """{"type": "feed", "name": "tab\there", "url": "https://example.com/f"}""", "name")]
    public async Task AControlCharacterIs400NamingTheFieldAndStoresNothing(string route, string body, string field)
    {
        var problem = await Problems.AssertAsync(await app.Api().PostAsync(route, Problems.Json(body)), 400);

        var error = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains("control characters", error);
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/topics")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ADescriptionMayHoldLineFeedsAndTabs()
    {
        using var response = await app.Api().PostAsync("/api/topics", Problems.Json("""{"name": "Deploys", "description": "Releases\n\t- rollbacks"}"""));
        var topic = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Releases\n\t- rollbacks", topic.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("/api/chats/1/digest?date=9999-12-31", "date")]
    [InlineData("/api/chats/1/digest?date=1969-12-31", "date")]
    public async Task ADayOutsideTheCalendarSiftKeepsIs400(string route, string field)
    {
        var problem = await Problems.AssertAsync(await app.Api().GetAsync(route), 400);

        Assert.Contains("between 1970-01-01 and 8999-12-31", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task AnAnalysisRunUntilTheFirstDayIs400NamingUntil()
    {
        var problem = await Problems.AssertAsync(await app.Api().PostAsync("/api/analysis-runs", Problems.Json("""{"chatId": 1, "until": "0001-01-01T00:00:00Z"}""")), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("until", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("/api/messages?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z")]
    [InlineData("/api/atoms?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z")]
    [InlineData("/api/proposals?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z")]
    [InlineData("/api/search?q=deploy&chatId=1&since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z")]
    [InlineData("/api/usage?day=9999-12-31")]
    public async Task ListsTakeTimesAtTheEndsOfTheCalendarWithoutAServerError(string route)
    {
        using var response = await app.Api().GetAsync(route);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
