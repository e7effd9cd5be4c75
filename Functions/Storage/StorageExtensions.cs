using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Sift.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The embedded adapters: SQLite store and queues under <see cref="StorageOptions.Path"/>, uploads
    /// in store chunks. With <c>CosmosDb</c> configured the store is Cosmos DB; with
    /// <c>AzureWebJobsStorage</c> set, queues and uploads go to Azure Storage (and nothing of theirs
    /// touches the local disk). The store seals continuation tokens with the
    /// <see cref="ContinuationProtection"/> that Security registers (its key is derived from the master key).
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCollection(new CollectionDefinition(StorageHealthCheck.Collection));
        builder.Services.AddOptions<CosmosOptions>().BindConfiguration(CosmosOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString = configuration[CosmosOptions.Section] ?? options.ConnectionString)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDocumentStore>(DocumentStore);
        builder.Services.AddSingleton(provider => ProcessOwner.Acquire(provider.GetRequiredService<IOptions<StorageOptions>>().Value.FullPath));
        builder.Services.AddOptions<AzureStorageOptions>().Configure<IConfiguration>(AzureStorageOptions.Bind).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(DocumentUploadStore.Collection));
        builder.Services.AddSingleton<IQueueClient>(provider => Azure(provider) is { } azure
            ? new AzureQueueClient(azure.QueueService(), provider.GetRequiredService<TimeProvider>(), AzurePollingInterval)
            : new SqliteQueueClient(new SqliteDatabase(DataFile(provider, "queues.db")), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ProcessOwner>().Id));
        builder.Services.AddSingleton<IUploadStore>(provider => Azure(provider) is { } azure
            ? new BlobUploadStore(azure.BlobService())
            : new DocumentUploadStore(provider.GetRequiredService<IDocumentStore>()));
        builder.Services.AddHostedService<StorageStartup>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    public static IServiceCollection AddCollection(this IServiceCollection services, CollectionDefinition definition) =>
        services.AddSingleton(definition);

    /// <summary>How often a waiting runner peeks an Azure queue: host.json's maxPollingInterval is 2 s, the host's own ceiling.</summary>
    private static readonly TimeSpan AzurePollingInterval = TimeSpan.FromSeconds(1);

    private static AzureStorageOptions? Azure(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value is { IsConfigured: true } azure ? azure : null;

    /// <summary>Cosmos DB when <c>CosmosDb</c> is configured (nothing touches the local disk then), else SQLite in the data directory.</summary>
    private static IDocumentStore DocumentStore(IServiceProvider provider)
    {
        var definitions = provider.GetServices<CollectionDefinition>();
        var continuations = provider.GetRequiredService<ContinuationProtection>();
        var cosmos = provider.GetRequiredService<IOptions<CosmosOptions>>().Value;
        // Resolved once while the host starts (StorageStartup), where blocking on the account's first answers is what start-up waits for anyway.
        return cosmos.IsConfigured
            ? CosmosDocumentStore.OpenAsync(cosmos, definitions, continuations, CancellationToken.None).GetAwaiter().GetResult()
            : new SqliteDocumentStore(new SqliteDatabase(DataFile(provider, "sift.db")), definitions, continuations);
    }

    private static string DataFile(IServiceProvider provider, string name) =>
        Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.FullPath, name);
}

/// <summary>Opens (and migrates) the store and the queues while the host starts, so a bad data directory fails start-up, not the first request.</summary>
internal sealed class StorageStartup(IDocumentStore store, IQueueClient queues) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        GC.KeepAlive(queues);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class StorageHealthCheck(IDocumentStore store, IQueueClient queues) : IHealthCheck
{
    public const string Collection = "system";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync<JsonElement>(Collection, "health", "probe", cancellationToken);
            await queues.CountAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy("The store and the queues are reachable.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The store or the queues cannot be reached.", e);
        }
    }
}
