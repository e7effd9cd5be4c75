using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sift.DurableTask.Sqlite.TestHost;

/// <summary>
/// The real stack on the backend: the Durable Task SDK's worker and client over gRPC to the in-process sidecar
/// (<see cref="TaskHubGrpcServer"/>, wired as DurableTaskTestHost wires its in-memory service) backed by a
/// <see cref="SqliteOrchestrationService"/> on <paramref name="directory"/>. One per test, on a free port.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication sidecar;
    private readonly GrpcChannel channel;
    private readonly IHost worker;
    private bool stopped;

    private Backend(SqliteOrchestrationService service, WebApplication sidecar, GrpcChannel channel, IHost worker)
    {
        Service = service;
        this.sidecar = sidecar;
        this.channel = channel;
        this.worker = worker;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    public SqliteOrchestrationService Service { get; }

    public DurableTaskClient Client { get; }

    public static async Task<Backend> StartAsync(string directory, Action<DurableTaskRegistry> tasks, TimeSpan? lockTimeout = null)
    {
        var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            Directory = directory,
            LockTimeout = lockTimeout ?? TimeSpan.FromHours(1),
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync();

        var channel = GrpcChannel.ForAddress(sidecar.Urls.Single());
        var workerBuilder = Host.CreateApplicationBuilder();
        workerBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        workerBuilder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        workerBuilder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(tasks);
        });
        workerBuilder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        var worker = workerBuilder.Build();
        await worker.StartAsync();
        return new Backend(service, sidecar, channel, worker);
    }

    /// <summary>
    /// Stops the worker, then the sidecar, then the service (the sidecar also stops it on its own, whichever comes
    /// first). A forced stop stands for a crash: the service goes first, leaving its locks in the database and its
    /// owner file closed, so the next service on the folder finds a dead owner; the sidecar's own stop is then a no-op.
    /// </summary>
    public async Task StopAsync(bool forced)
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        if (forced)
        {
            await Service.StopAsync(isForced: true);
        }

        await worker.StopAsync();
        worker.Dispose();
        await channel.ShutdownAsync();
        channel.Dispose();
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
        Service.Dispose();
    }

    /// <summary>Waits (up to a minute, far below any lock timeout) for the instance to end.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits (up to a minute) for the instance's first episode to be saved.</summary>
    public async Task<OrchestrationMetadata> WaitStartedAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => new(StopAsync(forced: false));
}
