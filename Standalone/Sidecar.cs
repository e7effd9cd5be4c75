using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Sift.DurableTask.Sqlite;

namespace Sift.Orchestration;

/// <summary>
/// The Durable Task sidecar in this process: <see cref="TaskHubGrpcServer"/> over the DTFx backend, listening on a
/// Unix socket in a folder of its own that only this user can enter (nothing on the network reaches it). The Durable
/// Task SDK's worker and client talk to it through <see cref="Channel"/>. Started before the worker and stopped after
/// it (hosted services stop in reverse order).
/// </summary>
internal sealed class Sidecar : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationService service;
    private readonly ILoggerFactory loggerFactory;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("sift-durable-");
    private readonly Lazy<GrpcChannel> channel;
    private WebApplication? server;
    private int disposed;

    public Sidecar(IOrchestrationService service, ILoggerFactory loggerFactory)
    {
        this.service = service;
        this.loggerFactory = loggerFactory;
        channel = new(() => GrpcChannel.ForAddress("http://sidecar", new GrpcChannelOptions
        {
            // The socket is the only way there: no ambient proxy (HTTP_PROXY) may take the call elsewhere.
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync, UseProxy = false },
            // An instance's history goes to the worker in one message; no cap below what the backend holds.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        }));
    }

    public GrpcChannel Channel => channel.Value;

    private string SocketPath => Path.Combine(folder.FullName, "sidecar.sock");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton((IOrchestrationServiceClient)service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the backend first, here and awaited: the sidecar's own stop runs in the background when its host stops, and
    /// on Azure Storage it waits for sessions whose worker has already gone, until a 10-minute timeout throws on a pool
    /// thread. On Azure Storage the stop is forced (sessions dropped, leases released: their work is offered again, as
    /// after a crash); on SQLite a stop releases this process's locks. The sidecar's later stop then finds it stopped.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await service.StopAsync(isForced: service is not SqliteOrchestrationService);
        }
        catch (NullReferenceException) when (service is not SqliteOrchestrationService)
        {
            // Azure Storage's app lease manager throws when it is stopped before its own start got far enough (a
            // process stopped a second after it started). Nothing of it holds a lease yet, so there is nothing to release.
        }

        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    /// <summary>Once, though the container holds this both as itself and as a hosted service.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        (service as IDisposable)?.Dispose();
        folder.Delete(recursive: true);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
