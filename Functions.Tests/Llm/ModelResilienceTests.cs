using Sift.Llm;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

/// <summary>The provider pipeline: retries that honour the provider's waits, timeouts, the circuit breaker and the concurrency cap.</summary>
public sealed class ModelResilienceTests : IAsyncLifetime
{
    private FakeOpenAi fake = null!;

    public async Task InitializeAsync() => fake = await FakeOpenAi.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheRetryAfterSeconds()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenFail(429, retryAfter: "1");

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible());

        Assert.Equal(2, answer.Calls);
        Assert.Equal(2, fake.Requests.Count);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("status 429 on attempt 1; retrying in 1000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AzureRetryAfterMsTakesPrecedenceOverRetryAfter()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenFail(429, retryAfter: "30", retryAfterMs: "120");

        var answer = await harness.CompleteAsync(harness.Azure(ModelClientHarness.ApiKey));

        Assert.Equal(2, answer.Calls);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("retrying in 120 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAfterLongerThanTheCapIsReportedNotWaitedFor()
    {
        using var harness = new ModelClientHarness(fake, options => options.MaxRetryAfter = TimeSpan.FromSeconds(5));
        fake.ThenFail(429, retryAfter: "120");

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.OpenAiCompatible()));

        Assert.Single(fake.Requests);
        Assert.Contains("asks to wait 120 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrorIsRetriedAndUsageCountsOnlyTheAnsweredCall()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenFail(500);

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible());

        Assert.Equal(2, answer.Calls);
        Assert.Equal(new TokenUsage(fake.InputTokensSent, fake.OutputTokensSent), answer.Usage);
    }

    [Fact]
    public async Task PersistentServerErrorsMakeTheProviderUnavailableAfterEveryRetryAndTheSdkRetriesNothing()
    {
        using var harness = new ModelClientHarness(fake, options => options.MaxRetries = 2);
        fake.ThenFail(500).ThenFail(502).ThenFail(503);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.Azure(ModelClientHarness.ApiKey)));

        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal("azure-openai", error.ProviderId);
        Assert.Contains("Provider 'azure-openai' is unavailable: it answered HTTP 503 on attempt 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpointIsRetriedThenReportedUnavailable()
    {
        var gone = await FakeOpenAi.StartAsync();
        await gone.DisposeAsync();
        using var harness = new ModelClientHarness(gone, options => options.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.OpenAiCompatible()));

        Assert.Contains("could not be reached on 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowAnswerTimesOutAndIsRetried()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenSlow(TimeSpan.FromSeconds(30));

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible(timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(2, answer.Calls);
    }

    [Fact]
    public async Task AnswersSlowerThanTheTimeoutOnEveryAttemptMakeTheProviderUnavailable()
    {
        using var harness = new ModelClientHarness(fake, options => options.MaxRetries = 1);
        fake.ThenSlow(TimeSpan.FromSeconds(30)).ThenSlow(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.OpenAiCompatible(timeout: TimeSpan.FromMilliseconds(300))));

        Assert.Equal(2, fake.Requests.Count);
        Assert.Contains("no answer within 0.3 s on 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CircuitOpensAfterRepeatedFailuresFailsFastAndClosesAfterASuccessfulProbe()
    {
        using var harness = new ModelClientHarness(fake, options =>
        {
            options.MaxRetries = 0;
            options.MinimumThroughput = 3;
            options.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var target = harness.OpenAiCompatible();
        fake.ThenFail(500).ThenFail(500).ThenFail(500);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(target));
        }

        var failFast = await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(target));

        Assert.Contains("circuit is open", failFast.Message, StringComparison.Ordinal);
        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(CircuitState.Open, harness.Circuits.StateOf("local-llm"));
        Assert.Equal(CircuitState.Closed, harness.Circuits.StateOf("another-provider"));

        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        var probe = await harness.CompleteAsync(target);

        Assert.True(probe.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(4, fake.Requests.Count);
        Assert.Equal(CircuitState.Closed, harness.Circuits.StateOf("local-llm"));
    }

    [Fact]
    public async Task ConcurrencyCapBoundsRequestsInFlightAtTheProvider()
    {
        using var harness = new ModelClientHarness(fake);
        fake.HoldEach = TimeSpan.FromMilliseconds(100);
        var target = harness.OpenAiCompatible(maxConcurrency: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.CompleteAsync(target)));

        Assert.All(answers, answer => Assert.True(answer.Value.GetProperty("ok").GetBoolean()));
        Assert.Equal(6, fake.Requests.Count);
        Assert.InRange(fake.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task NoLogLineOrErrorContainsTheApiKey()
    {
        using var harness = new ModelClientHarness(fake, options => options.MaxRetries = 1);
        fake.ThenFail(429, retryAfterMs: "10");
        await harness.CompleteAsync(harness.Azure(ModelClientHarness.ApiKey));
        fake.ThenFail(401).ThenFail(500).ThenFail(500).ThenContent("nope").ThenContent("nope");

        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.OpenAiCompatible())),
            await Assert.ThrowsAsync<ModelUnavailableException>(() => harness.CompleteAsync(harness.OpenAiCompatible())),
            await Assert.ThrowsAsync<ModelOutputException>(() => harness.CompleteAsync(harness.OpenAiCompatible())),
        };

        Assert.Contains(harness.Logs.Lines, line => line.Contains("retrying", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("is unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(ModelClientHarness.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("deploy failed", StringComparison.Ordinal));
        Assert.All(errors, error => Assert.DoesNotContain(ModelClientHarness.ApiKey, error.ToString(), StringComparison.Ordinal));
    }
}
