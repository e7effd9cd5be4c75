using Azure.Core;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;
using Sift.DurableTask.Sqlite;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// Orchestrations run on the Durable Task SDK: its worker and client, over gRPC to the in-process <see cref="Sidecar"/>,
/// on a DTFx backend chosen as the store is: the embedded SQLite backend in the data directory (survives kill -9; a
/// restart releases the dead process's locks at once), or Azure Storage, Durable Functions' own provider, on the
/// account of <c>AzureWebJobsStorage</c> when that is set. Features add their orchestrators and activities with
/// <see cref="OrchestrationRegistrationExtensions"/>.
/// </summary>
internal static class DurableBackend
{
    /// <summary>Work a crashed instance left on Azure Storage's queues is offered again this long after it was taken (the provider's default is 5 minutes).</summary>
    private static readonly TimeSpan AzureVisibilityTimeout = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddDurableBackend(this IServiceCollection services)
    {
        services.AddSingleton(Create);
        services.AddSingleton(provider => (IOrchestrationServiceClient)provider.GetRequiredService<IOrchestrationService>());
        services.AddSingleton<Sidecar>();
        // Before the worker, which then finds the sidecar listening.
        services.AddHostedService(provider => provider.GetRequiredService<Sidecar>());
        // Inputs, outputs and custom statuses as the API writes JSON; the worker and the client both take it from the container.
        services.AddSingleton<DataConverter>(new JsonDataConverter(SiftJson.Options));
        services.AddDurableTaskWorker(worker => worker.UseGrpc());
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<Sidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        services.AddDurableTaskClient(client => client.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<Sidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        return services;
    }

    private static IOrchestrationService Create(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<OrchestrationOptions>>().Value;
        if (provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value is { IsConfigured: true } azure)
        {
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = AccountOf(azure),
                TaskHubName = options.TaskHub,
                WorkItemQueueVisibilityTimeout = AzureVisibilityTimeout,
                ControlQueueVisibilityTimeout = AzureVisibilityTimeout,
                // As the Functions host sets it: a start that finds an instance in a dedupe status throws.
                ThrowExceptionOnInvalidDedupeStatus = true,
                LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
            });
        }

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var directory = Path.Combine(storage.FullPath, "durable");
        PrivateFiles.CreateDirectory(directory);
        return new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { Directory = directory });
    }

    /// <summary>The account as <c>AzureWebJobsStorage</c> names it: a connection string, or service URIs (or an account name) with an identity.</summary>
    private static StorageAccountClientProvider AccountOf(AzureStorageOptions azure)
    {
        if (!string.IsNullOrWhiteSpace(azure.ConnectionString))
        {
            return new StorageAccountClientProvider(azure.ConnectionString);
        }

        TokenCredential credential = AzureCredentials.From(azure.Credential, azure.ClientId);
        return string.IsNullOrWhiteSpace(azure.QueueServiceUri)
            ? new StorageAccountClientProvider(azure.AccountName!, credential)
            : new StorageAccountClientProvider(
                new Uri(azure.BlobServiceUri!), new Uri(azure.QueueServiceUri), new Uri(azure.TableServiceUri ?? azure.QueueServiceUri.Replace(".queue.", ".table.", StringComparison.Ordinal)), credential);
    }
}
