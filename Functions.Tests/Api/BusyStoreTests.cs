using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>A store that is throttled or contended answers 503 with Retry-After, so clients retry instead of reporting a server fault.</summary>
public sealed class BusyStoreTests
{
    public static TheoryData<string, Func<Exception>> Failures => new()
    {
        { "throttled past the SDK's retries", () => new DocumentStoreException(MessageStoreCollection, null, 429, "Request rate is large") },
        { "unavailable", () => new DocumentStoreException(MessageStoreCollection, null, 503, "Service unavailable") },
        { "contended", () => new DocumentContentionException(MessageStoreCollection, "x", 20) },
    };

    private const string MessageStoreCollection = Sift.Messages.MessageStore.Messages;

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task ABusyStoreAnswers503WithRetryAfter(string why, Func<Exception> failure)
    {
        var faults = new Faults { CrashOnQuery = collection => collection == MessageStoreCollection, Failure = failure };
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }) { ExtraServices = faults.Install };

        using var response = await app.Api().GetAsync("/api/messages");

        var problem = await Problems.AssertAsync(response, 503);
        Assert.True(faults.Fired, why);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Service unavailable", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AStoreThatRefusesForGoodIsAServerError()
    {
        var faults = new Faults { CrashOnQuery = collection => collection == MessageStoreCollection, Failure = () => new DocumentStoreException(MessageStoreCollection, null, 403, "Forbidden") };
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }) { ExtraServices = faults.Install };

        using var response = await app.Api().GetAsync("/api/messages");

        await Problems.AssertAsync(response, 500);
        Assert.True(faults.Fired);
    }
}
