using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using Sift.Hosting;
using Sift.Messages;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// Reads an RSS, Atom or JSON feed in one page: a conditional GET (ETag, Last-Modified), at most
/// one request per source per <see cref="IngestionOptions.FeedMinRequestInterval"/>, retries with
/// jitter on 429/5xx honouring Retry-After; each item becomes a message of the feed's chat.
/// </summary>
internal sealed class FeedIngester(
    HttpClient http, SourceRegistry sources, MessageStore messages, TimeProvider clock, IOptions<IngestionOptions> options) : ISourceIngester
{
    public SourceType Type => SourceType.Feed;

    public async Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cursor = await sources.GetCursorAsync(source.Id, cancellationToken);
        await WaitForRateLimitAsync(cursor, settings.FeedMinRequestInterval, cancellationToken);
        cursor = cursor with { LastRequestAt = clock.GetUtcNow() };
        await sources.SaveCursorAsync(cursor, cancellationToken);

        var pipeline = HttpResilience.Create(settings.FeedRetries, settings.FeedRetryDelay, settings.FeedMaxRetryAfter, clock);
        using var response = await pipeline.ExecuteAsync(async token => await http.SendAsync(Request(source, cursor), HttpCompletionOption.ResponseHeadersRead, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return Done(state, new PageResult(RunCounts.Zero, []), "Not modified since the last run (304).");
        }

        if (!response.IsSuccessStatusCode)
        {
            var wait = HttpResilience.RetryAfter(response, clock) is { } retryAfter ? $"; it asks to come back in {retryAfter.TotalSeconds:0} s" : "";
            return PageOutcome.Failed(state, $"The feed answered {(int)response.StatusCode} {response.ReasonPhrase} after {settings.FeedRetries + 1} attempt(s){wait}.");
        }

        if (await ReadBodyAsync(response, settings.FeedMaxBytes, cancellationToken) is not { } body)
        {
            return PageOutcome.Failed(state, $"The feed is larger than {settings.FeedMaxBytes} bytes (Ingestion:FeedMaxBytes).");
        }

        Feed feed;
        try
        {
            feed = FeedParser.Parse(body, response.Content.Headers.ContentType?.MediaType);
        }
        catch (FeedFormatException e)
        {
            return PageOutcome.Failed(state, $"The feed could not be read: {e.Message}");
        }

        var result = await SaveItemsAsync(source, feed, cancellationToken);
        await sources.SaveCursorAsync(cursor with { ETag = response.Headers.ETag?.ToString(), LastModified = response.Content.Headers.LastModified?.ToString("R") }, cancellationToken);
        return Done(state with { Position = feed.Items.Count, Total = feed.Items.Count }, result, $"{feed.Items.Count} item(s) read.");
    }

    private async Task<PageResult> SaveItemsAsync(Source source, Feed feed, CancellationToken cancellationToken)
    {
        var counts = RunCounts.Zero with { Fetched = feed.Items.Count };
        foreach (var item in feed.Items)
        {
            var chatId = source.ChatId ?? SourceRegistry.FeedChatId(source.Id);
            var existing = await messages.FindAsync(chatId, SourceRegistry.StableHash(item.Id), cancellationToken);
            var outcome = await messages.SaveAsync(FeedMessages.ToMessage(source, feed, item, existing, clock.GetUtcNow()), cancellationToken);
            counts = counts.Saved(outcome);
        }

        return new PageResult(counts, []);
    }

    private static HttpRequestMessage Request(Source source, SourceCursor cursor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Sift", "1.0"));
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, */*;q=0.5");
        if (cursor.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (cursor.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    private async Task WaitForRateLimitAsync(SourceCursor cursor, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (cursor.LastRequestAt is { } last && last + interval - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static PageOutcome Done(IngestionState state, PageResult result, string note) => new(result, state, More: false, note);
}
