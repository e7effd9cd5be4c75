using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sift.Llm;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

/// <summary>The model client as the app builds it (<c>AddLlmClients</c>), against a <see cref="FakeOpenAi"/>, with its logs captured.</summary>
internal sealed class ModelClientHarness : IDisposable
{
    public const string ApiKey = "sk-test-9f8e7d6c5b4a";

    public static readonly BinaryData Schema = BinaryData.FromString(
        """{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""");

    private readonly ServiceProvider services;

    public ModelClientHarness(FakeOpenAi fake, Action<ModelClientOptions>? configure = null)
    {
        Fake = fake;
        services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(Clock)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddLlmClients()
            .Configure<ModelClientOptions>(options =>
            {
                options.RetryDelay = TimeSpan.FromMilliseconds(5);
                options.AzureCredential = Entra;
                // The fake listens on loopback.
                options.AllowPrivateAddresses = true;
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
    }

    public FakeOpenAi Fake { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    public CapturedLogs Logs { get; } = new();

    public FakeEntraCredential Entra { get; } = new();

    public IModelClient Client => services.GetRequiredService<IModelClient>();

    public IModelCircuits Circuits => services.GetRequiredService<IModelCircuits>();

    public ModelTarget OpenAiCompatible(string? apiKey = ApiKey, TimeSpan? timeout = null, int maxConcurrency = 8) => new(
        "local-llm", ProviderType.OpenAiCompatible, Fake.V1Url, "gpt-test", apiKey, null, "extractor", 0.2, 300, timeout ?? TimeSpan.FromSeconds(10), maxConcurrency, "v1");

    public ModelTarget Azure(string? apiKey, string deployment = "gpt4o-sift") => new(
        "azure-openai", ProviderType.AzureOpenAi, Fake.BaseUrl, deployment, apiKey, null, "extractor", 0.2, 300, TimeSpan.FromSeconds(10), 8, "v1");

    public Task<ModelAnswer<JsonElement>> CompleteAsync(ModelTarget target, Func<JsonElement, string?>? validate = null) =>
        Client.CompleteJsonAsync(target, new ModelPrompt("You extract facts.", "Alice: the deploy failed again"), "facts", Schema, validate ?? (_ => null), CancellationToken.None);

    public void Dispose() => services.Dispose();
}

/// <summary>An Entra ID token source that hands out a fixed token and counts how often it is asked.</summary>
internal sealed class FakeEntraCredential : TokenCredential
{
    public const string Token = "entra-access-token";

    private int requests;

    public int Requests => Volatile.Read(ref requests);

    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }

        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

/// <summary>Every log line written, formatted, with its structured values and exception.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
