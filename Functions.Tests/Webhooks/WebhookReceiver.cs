using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Webhooks;

/// <summary>A webhook receiver on a real loopback port: keeps each POST (headers and body) and answers the statuses it is told, then 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> answers = new();
    private volatile TaskCompletionSource held = Released();
    private WebApplication app = null!;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var receiver = new WebhookReceiver();
        foreach (var status in answers)
        {
            receiver.answers.Enqueue(status);
        }

        (receiver.app, var baseUrl) = await LoopbackServer.StartAsync(app => app.MapPost("/hook", receiver.HandleAsync));
        receiver.Url = new Uri(baseUrl, "/hook");
        return receiver;
    }

    /// <summary>From now on each POST is kept (in <see cref="Received"/>) but not answered until the returned action is called.</summary>
    public Action Hold()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held = gate;
        return () => gate.TrySetResult();
    }

    public ValueTask DisposeAsync()
    {
        held.TrySetResult();
        return app.DisposeAsync();
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue(new ReceivedDelivery(headers, await reader.ReadToEndAsync()));
        await held.Task;
        context.Response.StatusCode = answers.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
    }
}

public sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, string Body);
