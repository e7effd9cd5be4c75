using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>Every problem answer has the title of its status and a detail a person can act on.</summary>
public sealed class ProblemResponseTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/nothing-here", null, null, 404, "Not found")]
    [InlineData("PUT", "/api/sources", "{}", "application/json", 405, "Method not allowed")]
    [InlineData("POST", "/api/sources", "type=feed", "text/plain", 415, "Unsupported media type")]
    [InlineData("GET", "/api/sources/nope", null, null, 404, "Not found")]
    [InlineData("GET", "/api/messages?limit=0", null, null, 400, "Invalid request")]
    public async Task FrameworkAndDomainProblemsShareOneTitlePerStatus(string method, string url, string? body, string? contentType, int status, string title)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType!);
        }

        using var response = await app.Api().SendAsync(request);

        Assert.Equal(title, (await Problems.AssertAsync(response, status)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task MissingKeyIs401WithADetail()
    {
        using var response = await app.CreateClient().GetAsync("/api/sources");

        Assert.Equal("Unauthorized", (await Problems.AssertAsync(response, 401)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/messages?limit=abc", "limit must be a whole number (got 'abc').")]
    [InlineData("/api/messages?chatId=x1", "chatId must be a chat key: the chat id, and for a private chat or basic group '@' and the account that numbered its messages (7@bot123456) (got 'x1').")]
    [InlineData("/api/messages?since=yesterday", "since must be an ISO-8601 time (got 'yesterday').")]
    [InlineData("/api/messages?importanceMin=high", "importanceMin must be a number (got 'high').")]
    [InlineData("/api/bots?limit=ten", "limit must be a whole number (got 'ten').")]
    [InlineData("/api/atoms?until=soon", "until must be an ISO-8601 time (got 'soon').")]
    [InlineData("/api/proposals?chatId=-x", "chatId must be a chat key: the chat id, and for a private chat or basic group '@' and the account that numbered its messages (7@bot123456) (got '-x').")]
    [InlineData("/api/search?q=deploy&limit=1.5", "limit must be a whole number (got '1.5').")]
    [InlineData("/api/orchestrations?limit=all", "limit must be a whole number (got 'all').")]
    public async Task QueryBindingErrorsNameTheParameterAndTheForm(string url, string detail)
    {
        using var response = await app.Api().GetAsync(url);

        Assert.Equal(detail, (await Problems.AssertAsync(response, 400)).Detail());
    }

    [Theory]
    [InlineData("/api/bots", "")]
    [InlineData("/api/bots", "[]")]
    [InlineData("/api/sources", "{\"name\": ")]
    [InlineData("/api/sources", "null")]
    public async Task BodyBindingErrorsNeverNameAClrType(string url, string body)
    {
        using var response = await app.Api().PostAsync(url, Problems.Json(body));

        var text = (await Problems.AssertAsync(response, 400)).GetRawText();
        Assert.DoesNotContain("Sift.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Request request", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Implicit body", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoedInputIsTruncated()
    {
        var huge = new string('9', 5000) + "x";

        using var response = await app.Api().GetAsync($"/api/messages?limit={huge}");

        var detail = (await Problems.AssertAsync(response, 400)).Detail();
        Assert.StartsWith("limit must be a whole number", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 200, detail);
    }

    [Fact]
    public async Task UnknownFieldNamesAreTruncatedToo()
    {
        using var response = await app.Api().PostAsync("/api/bots", Problems.Json($$"""{"{{new string('k', 5000)}}": 1}"""));

        Assert.True((await Problems.AssertAsync(response, 400)).GetRawText().Length < 1000);
    }
}
