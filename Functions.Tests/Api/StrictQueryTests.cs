using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>An API route takes only the query parameters it declares, and a window only in order.</summary>
public sealed class StrictQueryTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>The routes come from the app's own endpoints, so a route added later is walked too.</summary>
    [Fact]
    public async Task EveryGetRouteRefusesAnUnknownQueryParameterNamingIt()
    {
        var routes = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)
                && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true))
            .Select(e => Path(e.RoutePattern)).Distinct().ToList();

        Assert.True(routes.Count >= 20, $"{routes.Count} routes");
        foreach (var route in routes)
        {
            using var response = await app.Api().GetAsync($"{route}?limit=5&bogusParameter=1");

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} answered {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("'bogusParameter'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/messages?clas=spam", "clas")]
    [InlineData("/api/search?q=deploy&chatid=1&sincee=2026-01-01", "sincee")]
    public async Task ATypoIsRefusedWhileTheDeclaredNamesBindInAnyCase(string url, string unknown)
    {
        using var response = await app.Api().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(unknown, out _));
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/atoms")]
    [InlineData("/api/proposals")]
    [InlineData("/api/search?q=deploy")]
    public async Task SinceAfterUntilIsRefused(string route)
    {
        var separator = route.Contains('?', StringComparison.Ordinal) ? '&' : '?';

        using var response = await app.Api().GetAsync($"{route}{separator}since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("until", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageOfAnUnknownRunIs404()
    {
        using var response = await app.Api().GetAsync("/api/usage?runId=analysis-1-nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A concrete path: each route parameter given a value of its form.</summary>
    private static string Path(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternParameterPart { IsCatchAll: true } => "x",
        RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "1" : "x",
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    }))));
}
