using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sift.Tests.Infrastructure;

/// <summary>A web server on a loopback port that serves a feed: scripted answers first, then the current content with validators.</summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FeedAnswer> script = new();

    private FakeFeedServer(WebApplication app) => this.app = app;

    public Uri FeedUrl { get; private set; } = null!;

    /// <summary>What <c>/feed</c> serves when nothing is scripted; answered 304 when the client's validators match.</summary>
    public string Content { get; set; } = "";

    public string ContentType { get; set; } = "application/rss+xml";

    public ConcurrentQueue<FeedRequest> Requests { get; } = new();

    public static async Task<FakeFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeFeedServer(builder.Build());
        server.app.MapGet("/feed", server.ServeAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.FeedUrl = new Uri(new Uri(address), "/feed");
        return server;
    }

    /// <summary>The next request gets this answer instead of the content.</summary>
    public void Then(int status, string body = "", string? retryAfter = null) => script.Enqueue(new FeedAnswer(status, body, retryAfter));

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        Requests.Enqueue(new FeedRequest(DateTimeOffset.UtcNow, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString()));
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
        await context.Response.WriteAsync(Content);
    }

    private sealed record FeedAnswer(int Status, string Body, string? RetryAfter);
}

public sealed record FeedRequest(DateTimeOffset At, string IfNoneMatch, string IfModifiedSince);
