using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Sift.Tests.Events;

/// <summary>A client of <c>GET /api/events</c> reading the stream as a browser would, event by event.</summary>
internal sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly SseParser<string> parser;
    private readonly IAsyncEnumerator<SseItem<string>> items;
    private readonly CancellationTokenSource closed = new();

    private LiveStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        parser = SseParser.Create(body);
        items = parser.EnumerateAsync(closed.Token).GetAsyncEnumerator(closed.Token);
    }

    public List<SseItem<string>> Seen { get; } = [];

    /// <summary>How long the server asked a client to wait before it reconnects (its <c>retry</c> field).</summary>
    public TimeSpan ReconnectionInterval => parser.ReconnectionInterval;

    /// <summary>Opens the stream and reads its first event, <c>ready</c>, so that what happens next is news to it.</summary>
    public static async Task<LiveStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new LiveStream(response, await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", (await stream.NextAsync(_ => true, "the ready event")).EventType);
        return stream;
    }

    /// <summary>The next event that matches, skipping others; fails naming what came instead.</summary>
    public async Task<SseItem<string>> NextAsync(Func<SseItem<string>, bool> match, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await using var stop = deadline.Token.Register(closed.Cancel);
        try
        {
            while (await items.MoveNextAsync())
            {
                Seen.Add(items.Current);
                if (match(items.Current))
                {
                    return items.Current;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"No {what} in the stream; it sent: {string.Join(" | ", Seen.Select(i => $"{i.EventType} {i.Data}"))}");
        return default;
    }

    /// <summary>True when the server ended the stream before <paramref name="within"/> passed.</summary>
    public async Task<bool> EndsAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        await using var stop = deadline.Token.Register(closed.Cancel);
        try
        {
            while (await items.MoveNextAsync())
            {
                Seen.Add(items.Current);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static bool Is(SseItem<string> item, string type, long? messageId = null) =>
        item.EventType == type && (messageId is null || Data(item).GetProperty("messageId").GetInt64() == messageId);

    public static JsonElement Data(SseItem<string> item) => JsonSerializer.Deserialize<JsonElement>(item.Data);

    public async ValueTask DisposeAsync()
    {
        await closed.CancelAsync();
        await items.DisposeAsync();
        response.Dispose();
        closed.Dispose();
    }
}
