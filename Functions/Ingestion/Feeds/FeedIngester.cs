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
internal sealed partial class FeedIngester(
    HttpClient http, SourceRegistry sources, MessageStore messages, TimeProvider clock, IOptions<IngestionOptions> options, ILogger<FeedIngester> logger)
    : ISourceIngester
{
    public SourceType Type => SourceType.Feed;

    public async Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cursor = await sources.GetCursorAsync(source.Id, cancellationToken);
        await WaitForRateLimitAsync(cursor, settings.FeedMinRequestInterval, cancellationToken);
        cursor = cursor with { LastRequestAt = clock.GetUtcNow() };
        await sources.SaveCursorAsync(cursor, cancellationToken);

        // The validators read at Begin, and only if they were answered for the URL asked now.
        var validators = state.Validators is { } read && read.Url == source.Url ? read : null;
        var pipeline = HttpResilience.Create(settings.FeedRetries, settings.FeedRetryDelay, settings.FeedMaxRetryAfter, clock);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(token => FetchAsync(source, validators, settings, token), cancellationToken);
        }
        catch (FeedTooLargeException)
        {
            return PageOutcome.Failed(state, $"The feed is larger than {settings.FeedMaxBytes} bytes (Ingestion:FeedMaxBytes).");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            // Expected when a feed is down or misconfigured: one line with the reason, no stack trace.
            var reason = e.InnerException is AddressRefusedException refused ? refused.Message : e.Message;
            LogUnreachable(logger, source.Id, LogText.Escape(reason));
            return PageOutcome.Failed(state, $"The feed could not be fetched after {settings.FeedRetries + 1} attempt(s): {reason}.");
        }

        using (response)
        {
            return await ReadResponseAsync(source, state, cursor, response, settings, cancellationToken);
        }
    }

    private async Task<PageOutcome> ReadResponseAsync(
        Source source, IngestionState state, SourceCursor cursor, HttpResponseMessage response, IngestionOptions settings, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return Done(state, new PageResult(RunCounts.Zero, []), "Not modified since the last run (304).");
        }

        if (!response.IsSuccessStatusCode)
        {
            var wait = HttpResilience.RetryAfter(response, clock) is { } retryAfter ? $"; it asks to come back in {retryAfter.TotalSeconds:0} s" : "";
            return PageOutcome.Failed(state, $"The feed answered {(int)response.StatusCode} {response.ReasonPhrase} after {settings.FeedRetries + 1} attempt(s){wait}.");
        }

        Feed feed;
        try
        {
            feed = FeedParser.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType);
        }
        catch (FeedFormatException e)
        {
            return PageOutcome.Failed(state, $"The feed could not be read: {e.Message}");
        }

        var items = Newest(feed.Items, settings.FeedMaxItems);
        var result = await SaveItemsAsync(source, feed, items, cancellationToken);
        await sources.SaveCursorAsync(cursor with { ETag = response.Headers.ETag?.ToString(), LastModified = response.Content.Headers.LastModified?.ToString("R"), Url = source.Url }, cancellationToken);
        var left = feed.Items.Count - items.Count;
        var note = left == 0 ? "" : $"; the {left} older one(s) past Ingestion:FeedMaxItems ({settings.FeedMaxItems}) were left out";
        return Done(state with { Position = feed.Items.Count, Total = feed.Items.Count }, result with { Counts = result.Counts with { Ignored = left } }, $"{items.Count} item(s) read{note}.");
    }

    /// <summary>The newest <paramref name="max"/> items by date (published, else updated; undated ones last), in the feed's order.</summary>
    private static List<FeedItem> Newest(IReadOnlyList<FeedItem> items, int max) =>
        items.Count <= max
            ? [.. items]
            : [.. items.Select((item, index) => (Item: item, Index: index))
                .OrderByDescending(x => x.Item.Published ?? x.Item.Updated ?? DateTimeOffset.MinValue).ThenBy(x => x.Index)
                .Take(max).OrderBy(x => x.Index).Select(x => x.Item)];

    /// <summary>One attempt: headers and the whole body within <see cref="IngestionOptions.FeedRequestTimeout"/>, so a trickled body cannot outlast it.</summary>
    private async ValueTask<HttpResponseMessage> FetchAsync(Source source, FeedValidators? validators, IngestionOptions settings, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.FeedRequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(Request(source, validators), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                await BufferBodyAsync(response, settings.FeedMaxBytes, deadline.Token);
            }

            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException($"it sent no complete answer within {settings.FeedRequestTimeout.TotalSeconds:0.#} s (Ingestion:FeedRequestTimeout)");
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private async Task<PageResult> SaveItemsAsync(Source source, Feed feed, List<FeedItem> items, CancellationToken cancellationToken)
    {
        var counts = RunCounts.Zero with { Fetched = feed.Items.Count };
        foreach (var item in items)
        {
            var chatId = source.ChatId?.ChatId ?? SourceRegistry.FeedChatId(source.Id);
            var existing = await messages.FindAsync(new ChatKey(chatId, null), SourceRegistry.StableHash(item.Id), cancellationToken);
            var outcome = await messages.SaveAsync(FeedMessages.ToMessage(source, feed, item, existing, clock.GetUtcNow()), cancellationToken);
            counts = counts.Saved(outcome);
        }

        return new PageResult(counts, []);
    }

    private static HttpRequestMessage Request(Source source, FeedValidators? validators)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Sift", "1.0"));
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, */*;q=0.5");
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (validators?.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
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

    /// <summary>Reads the body into memory under the attempt's deadline, refusing one over <paramref name="limit"/>.</summary>
    private static async Task BufferBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new FeedTooLargeException();
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FeedTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = content;
    }

    private static PageOutcome Done(IngestionState state, PageResult result, string note) => new(result, state, More: false, note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed source {SourceId} could not be fetched: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string sourceId, string reason);

    private sealed class FeedTooLargeException : Exception;
}
