using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing.Sidecar;
using Sift.Tests.Infrastructure;

namespace Sift.DurableTask.Sqlite.Tests;

/// <summary>The DTFx backends the conformance suite runs on, each behind the same sidecar, worker and client.</summary>
public enum BackendKind
{
    /// <summary>This library, on a fresh folder per test.</summary>
    Sqlite,

    /// <summary><see cref="InMemoryOrchestrationService"/>, what DurableTaskTestHost runs on.</summary>
    InMemory,

    /// <summary>Production's provider, <see cref="AzureStorageOrchestrationService"/>, on Azurite with a task hub per test.</summary>
    AzureStorage,
}

/// <summary>
/// The base of every conformance test class: each test class is abstract and has one derived class per backend
/// (OnSqlite.cs, OnInMemory.cs, OnAzureStorage.cs), so every test runs on every backend with the same code. Where a
/// backend legitimately differs, the test says so with <see cref="Kind"/> and the reason.
/// </summary>
public abstract class ConformanceTest(BackendKind kind, AzuriteEmulator? azurite) : IDisposable
{
    /// <summary>How long a dequeued AzureStorage message stays invisible: short, so a crashed worker's work comes back soon.</summary>
    protected static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);

    private readonly TempDirectory directory = new();
    private readonly string taskHub = $"t{Guid.NewGuid():N}"[..24];

    protected BackendKind Kind => kind;

    /// <summary>This test's SQLite folder.</summary>
    protected string Folder => directory.Path;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The stack on this test's store. Called again in the same test it opens the same store, as a restarted process
    /// would (the in-memory backend has nothing to reopen: its state goes with the service).
    /// </summary>
    protected async Task<Backend> StartAsync(Action<DurableTaskRegistry> tasks, TimeSpan? lockTimeout = null)
    {
        switch (kind)
        {
            case BackendKind.Sqlite:
                return await Backend.StartAsync(directory.Path, tasks, lockTimeout);
            case BackendKind.InMemory:
                return await Backend.StartAsync(new InMemoryOrchestrationService(), tasks);
            default:
                var service = new AzureStorageOrchestrationService(AzureStorageSettings());
                await service.CreateIfNotExistsAsync();
                return await Backend.StartAsync(service, tasks);
        }
    }

    protected virtual void Dispose(bool disposing) => directory.Dispose();

    /// <summary>
    /// The event types of the instance's current history, read from the service beneath the sidecar (SQLite and
    /// AzureStorage both give a JSON array of events with an EventType number; the in-memory service does not
    /// implement <see cref="IOrchestrationServiceClient.GetOrchestrationHistoryAsync"/>).
    /// </summary>
    protected static async Task<List<EventType>> HistoryAsync(Backend backend, string instanceId)
    {
        using var history = JsonDocument.Parse(await backend.ServiceClient.GetOrchestrationHistoryAsync(instanceId, executionId: null));
        return history.RootElement.EnumerateArray().Select(e => (EventType)e.GetProperty("EventType").GetInt32()).ToList();
    }

    private AzureStorageOrchestrationServiceSettings AzureStorageSettings() => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(azurite!.ConnectionString),
        TaskHubName = taskHub,
        // One control queue and lease: the least work for Azurite, and nothing in the suite needs more.
        PartitionCount = 1,
        WorkItemQueueVisibilityTimeout = VisibilityTimeout,
        ControlQueueVisibilityTimeout = VisibilityTimeout,
        // Idle queues are polled at most this far apart (30 s by default), so work raised after a pause is seen soon.
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        // As the Functions host sets it: a start that finds an instance in a dedupe status throws instead of returning.
        ThrowExceptionOnInvalidDedupeStatus = true,
    };
}
