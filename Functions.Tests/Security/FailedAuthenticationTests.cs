using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

/// <summary>Requests without a valid key: one Debug line each, and past the per-address budget a 429 before any key is looked up.</summary>
public sealed class FailedAuthenticationTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 5, TimeSpan.Zero));
    private readonly SiftApp app;

    public FailedAuthenticationTests() =>
        app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false", ["RateLimits:FailedAuthenticationsPerMinute"] = "3" })
        {
            ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
        };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnAddressPastItsFailedAttemptsIsAnswered429UntilItsMinuteEnds()
    {
        var guesser = app.CreateClient();
        guesser.DefaultRequestHeaders.Add("X-Api-Key", "guess-0123456789");

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await guesser.GetAsync("/api/sources")).StatusCode);
        }

        using var fourth = await guesser.GetAsync("/api/sources");
        using var rightKeyMeanwhile = await app.Api().GetAsync("/api/sources");
        clock.Advance(TimeSpan.FromSeconds(55));
        using var nextMinute = await app.Api().GetAsync("/api/sources");

        Assert.All(first, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", (await Problems.AssertAsync(fourth, 429)).GetProperty("type").GetString());
        Assert.Equal("55", fourth.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyMeanwhile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    [Fact]
    public async Task ARequestWithoutAValidKeyWritesNoInformationLine()
    {
        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "guess-0123456789");
        var before = app.Logs.Count;

        using var wrongKey = await stranger.GetAsync("/api/sources");
        using var noKey = await app.CreateClient().GetAsync("/api/sources");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrongKey.StatusCode, noKey.StatusCode));
        Assert.DoesNotContain(app.Logs.Skip(before), line => !line.StartsWith("Debug ", StringComparison.Ordinal) && !line.StartsWith("Trace ", StringComparison.Ordinal));
    }
}
