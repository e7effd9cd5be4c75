using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sift.Tests.Infrastructure;

/// <summary>A web server on a loopback port that serves a feed: scripted answers first, then the current content with validators.</summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private WebApplication app = null!;
    private readonly ConcurrentQueue<FeedAnswer> script = new();
    private TimeProvider clock = TimeProvider.System;

    public Uri FeedUrl { get; private set; } = null!;

    /// <summary>What <c>/feed</c> serves when nothing is scripted; answered 304 when the client's validators match.</summary>
    public string Content { get; set; } = "";

    public string ContentType { get; set; } = "application/rss+xml";

    public ConcurrentQueue<FeedRequest> Requests { get; } = new();

    /// <summary>When set, the content is sent a byte at a time with this pause between bytes (a body that trickles in).</summary>
    public TimeSpan? TrickleEvery { get; set; }

    /// <param name="clock">The clock request times are read from: the app's, so a test compares times the app waited.</param>
    public static async Task<FakeFeedServer> StartAsync(TimeProvider? clock = null)
    {
        var server = new FakeFeedServer { clock = clock ?? TimeProvider.System };
        (server.app, var baseUrl) = await LoopbackServer.StartAsync(app => app.MapGet("/feed", server.ServeAsync));
        server.FeedUrl = new Uri(baseUrl, "/feed");
        return server;
    }

    /// <summary>The next request gets this answer instead of the content.</summary>
    public void Then(int status, string body = "", string? retryAfter = null) => script.Enqueue(new FeedAnswer(status, body, retryAfter));

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        Requests.Enqueue(new FeedRequest(clock.GetUtcNow(), context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString()));
        if (script.TryDequeue(out var answer))
        {
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            }

            await context.Response.WriteAsync(answer.Body);
            return;
        }

        var etag = $"\"{(uint)Content.GetHashCode(StringComparison.Ordinal)}\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = "Sat, 21 Nov 2026 10:00:00 GMT";
        context.Response.ContentType = ContentType;
        if (TrickleEvery is not { } pause)
        {
            await context.Response.WriteAsync(Content);
            return;
        }

        foreach (var b in System.Text.Encoding.UTF8.GetBytes(Content))
        {
            await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(pause, context.RequestAborted);
        }
    }

    private sealed record FeedAnswer(int Status, string Body, string? RetryAfter);
}

public sealed record FeedRequest(DateTimeOffset At, string IfNoneMatch, string IfModifiedSince);
