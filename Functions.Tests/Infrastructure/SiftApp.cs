using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sift.Hosting;
using Sift.Security;
using Sift.Telegram;

namespace Sift.Tests.Infrastructure;

/// <summary>
/// Sift in-process over a fresh temporary data directory (real SQLite files), with the standalone
/// trigger runner and the HTTP pipeline exactly as in production.
/// </summary>
public sealed class SiftApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789-abcdefghijklmnop";
    private readonly bool ownsData;
    private readonly Dictionary<string, string?> settings;

    public SiftApp(FakeTelegram? telegram = null, string? dataPath = null, IDictionary<string, string?>? settings = null)
    {
        ownsData = dataPath is null;
        DataPath = dataPath ?? new TempDirectory().Path;
        this.settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = DataPath,
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Telegram:ApiBaseUrl"] = telegram?.BaseUrl.ToString() ?? "http://127.0.0.1:9",
            ["Triggers:MessageLease"] = "00:00:30",
            // The fakes of Telegram and of feed servers listen on loopback.
            ["Ingestion:AllowPrivateAddresses"] = "true",
            // So does the fake model endpoint.
            ["Llm:Clients:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DataPath { get; }

    /// <summary>Queue semantics of host.json, with retries fast enough for tests.</summary>
    public QueueHostOptions Queues { get; init; } = new() { VisibilityTimeout = TimeSpan.FromMilliseconds(20), MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Extra registrations for a test, e.g. a queue function of its own.</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs the timer function <paramref name="name"/> once, as its schedule would.</summary>
    public Task RunTimerAsync(string name) =>
        Get<IReadOnlyList<FunctionEntry>>().Single(f => f.Name == name).InvokeAsync(Get<IServiceScopeFactory>(), new Microsoft.Azure.Functions.Worker.TimerInfo(), default);

    /// <summary>The orchestration client, as a function that binds the Durable client uses it (on this async flow).</summary>
    public Sift.Orchestration.OrchestrationClient Orchestrations()
    {
        UseDurableClient();
        return Get<Sift.Orchestration.OrchestrationClient>();
    }

    /// <summary>For the rest of the calling test's async flow, services reach orchestrations as a function with a <c>[DurableClient]</c> does.</summary>
    public void UseDurableClient() => Services.UseDurableClient();

    /// <summary>The registered bot's current webhook secret, as Telegram was given it.</summary>
    public string WebhookSecret(long botId) =>
        Get<SecretProtector>().Unprotect(Get<Sift.Storage.IDocumentStore>().GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), default)
            .GetAwaiter().GetResult()?.Value.ProtectedWebhookSecret ?? throw new InvalidOperationException($"Bot {botId} is not registered."), BotRegistry.WebhookSecretBinding(botId));

    /// <summary>Registers a bot that <paramref name="telegram"/> knows; returns its id.</summary>
    public async Task<long> RegisterBotAsync(FakeTelegram telegram, long botId = 7000000001)
    {
        var token = telegram.AddBot(botId, $"bot{botId}");
        using var response = await Api().PostAsJsonAsync("/api/bots", new { token });
        response.EnsureSuccessStatusCode();
        return botId;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Queues);
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
            ExtraServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsData && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}

/// <summary>Keeps every log line with its exception, so tests can check what was (and was not) logged.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
