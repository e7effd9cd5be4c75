using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sift.Api;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Telegram;

namespace Sift.Ingestion;

/// <summary>Sources as stored, with their last run read from their orchestration instance.</summary>
public sealed class SourceRegistry(IDocumentStore store, BotRegistry bots, OrchestrationClient orchestrations, IUploadStore uploads, TimeProvider clock)
{
    public const string Orchestration = "ingest";

    public async Task<Source> CreateAsync(CreateSourceRequest request, CancellationToken cancellationToken)
    {
        var type = SourceValidation.Type(request.Type);
        SourceValidation.Check(type, request.Name, request.Url, request.BotId, request.IntervalMinutes);
        await RequireBotAsync(request.BotId, cancellationToken);
        var id = Guid.NewGuid().ToString("N")[..12];
        var now = clock.GetUtcNow();
        var source = new Source
        {
            Id = id,
            Type = type,
            Name = request.Name!.Trim(),
            Url = request.Url,
            BotId = request.BotId,
            IntervalMinutes = request.IntervalMinutes ?? SourceValidation.DefaultInterval(type),
            Enabled = request.Enabled ?? true,
            ChatId = type == SourceType.Feed ? new Messages.ChatKey(FeedChatId(id), null) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateAsync(Source.Collection, Source.Partition, id, source, cancellationToken);
        return source;
    }

    public async Task<Source> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No source '{id}'.");

    public async Task<Source?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<Source>(Source.Collection, Source.Partition, id, cancellationToken))?.Value;

    public Task<Page<Source>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<Source>(Source.Collection, new DocumentQuery { Partition = Source.Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Changes what the request names; a request that changes nothing leaves the source (and its updatedAt) as it was.</summary>
    public async Task<Source> UpdateAsync(string id, UpdateSourceRequest request, CancellationToken cancellationToken)
    {
        string? previousUrl = null;
        var updated = await ModifyAsync(id, source =>
        {
            previousUrl = source.Url;
            var (name, url, interval) = (request.Name ?? source.Name, request.Url ?? source.Url, request.IntervalMinutes ?? source.IntervalMinutes);
            SourceValidation.Check(source.Type, name, url, source.BotId, interval);
            var changed = source with { Name = name.Trim(), Url = url, IntervalMinutes = interval, Enabled = request.Enabled ?? source.Enabled };
            return changed == source ? source : changed with { UpdatedAt = clock.GetUtcNow() };
        }, cancellationToken);
        if (updated.Url != previousUrl)
        {
            // The new URL has validators of its own; the old ones could make it answer 304 forever.
            await store.ModifyAsync<SourceCursor>(SourceCursor.Collection, id, id,
                cursor => cursor is null ? null : cursor with { ETag = null, LastModified = null, Url = null }, cancellationToken);
        }

        return updated;
    }

    /// <summary>Makes <paramref name="uploadId"/> the source's export (ETag-checked); returns the upload it replaced.</summary>
    public async Task<(Source Source, string? Replaced)> SwapUploadAsync(string id, string uploadId, long messageCount, CancellationToken cancellationToken)
    {
        string? replaced = null;
        var source = await ModifyAsync(id, source =>
        {
            replaced = source.UploadId;
            return source with { UploadId = uploadId, UploadMessages = messageCount, UpdatedAt = clock.GetUtcNow() };
        }, cancellationToken);
        return (source, replaced);
    }

    /// <summary>
    /// Deletes an upload the source no longer names, unless its active run is importing it: that run
    /// deletes it when it ends (<see cref="ReleaseAfterRunAsync"/>).
    /// </summary>
    public async Task ReleaseUploadAsync(Source source, string uploadId, CancellationToken cancellationToken)
    {
        if (source.UploadId == uploadId ||
            await orchestrations.FindAsync(source.InstanceIdOf, cancellationToken) is { IsActive: true, Input: { } input } &&
            input.Deserialize<IngestionInput>(SiftJson.Options)?.UploadId == uploadId)
        {
            return;
        }

        await uploads.DeleteAsync(uploadId, cancellationToken);
    }

    /// <summary>At the end of a run: deletes the upload it imported if an upload replaced it meanwhile.</summary>
    public async Task ReleaseAfterRunAsync(IngestionInput input, CancellationToken cancellationToken)
    {
        if (input.UploadId is { } uploadId && (await FindAsync(input.SourceId, cancellationToken))?.UploadId != uploadId)
        {
            await uploads.DeleteAsync(uploadId, cancellationToken);
        }
    }

    /// <summary>Records the chat an export turned out to hold, so the source can say where its messages are.</summary>
    public Task SetChatAsync(string id, Messages.ChatKey chatId, CancellationToken cancellationToken) =>
        ModifyAsync(id, source => source.ChatId == chatId ? source : source with { ChatId = chatId }, cancellationToken);

    /// <summary>Deletes the source, its cursor and its upload; a run in progress is terminated first. Messages it brought in stay.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var source = await GetAsync(id, cancellationToken);
        if (await orchestrations.FindAsync(source.InstanceIdOf, cancellationToken) is { IsActive: true } run)
        {
            try
            {
                await orchestrations.TerminateAsync(source.InstanceIdOf, "The source was deleted.", cancellationToken);
            }
            catch (ConflictException)
            {
                // It ended meanwhile.
            }

            // A terminated run never reaches its end, where it would delete an upload replaced under it.
            if (run.Input?.Deserialize<IngestionInput>(SiftJson.Options)?.UploadId is { } running && running != source.UploadId)
            {
                await uploads.DeleteAsync(running, cancellationToken);
            }
        }

        await store.DeleteAsync(Source.Collection, Source.Partition, id, cancellationToken);
        await store.DeleteAsync(SourceCursor.Collection, id, id, cancellationToken);
        if (source.UploadId is { } uploadId)
        {
            await uploads.DeleteAsync(uploadId, cancellationToken);
        }
    }

    /// <summary>Starts a run now unless one is Pending or Running (then ConflictException with the status URL).</summary>
    public async Task<OrchestrationInstance> RunAsync(Source source, CancellationToken cancellationToken)
    {
        return await orchestrations.StartOrConflictAsync(Orchestration, source.InstanceIdOf, IngestionInput.Of(source), Busy(source), cancellationToken);
    }

    /// <summary>Throws ConflictException with the status URL while a run of the source is Pending or Running.</summary>
    public async Task EnsureIdleAsync(Source source, CancellationToken cancellationToken)
    {
        if (await orchestrations.FindAsync(source.InstanceIdOf, cancellationToken) is { IsActive: true } running)
        {
            throw OrchestrationClient.Busy(running, Busy(source));
        }
    }

    private static string Busy(Source source) => $"Source '{source.Id}' is already being ingested";

    /// <summary>The source's last (or current) run and its cursor.</summary>
    public async Task<(OrchestrationInstance? Run, SourceCursor? Cursor)> RunStateAsync(Source source, CancellationToken cancellationToken) =>
        (await orchestrations.FindAsync(source.InstanceIdOf, cancellationToken),
         (await store.GetAsync<SourceCursor>(SourceCursor.Collection, source.Id, source.Id, cancellationToken))?.Value);

    public async Task<SourceCursor> GetCursorAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<SourceCursor>(SourceCursor.Collection, id, id, cancellationToken))?.Value ?? new SourceCursor(id);

    public Task SaveCursorAsync(SourceCursor cursor, CancellationToken cancellationToken) =>
        store.UpsertAsync(SourceCursor.Collection, cursor.SourceId, cursor.SourceId, cursor, cancellationToken);

    /// <summary>
    /// A feed's messages live in a chat of their own, with an id no Telegram chat can have: Telegram's
    /// ids stay within ±10^13, these are -2·10^15 minus a hash, still exact in a JSON number.
    /// </summary>
    public static long FeedChatId(string sourceId) => -(2_000_000_000_000_000 + (StableHash(sourceId) % 1_000_000_000_000_000));

    /// <summary>A non-negative 53-bit hash, stable across processes and versions.</summary>
    public static long StableHash(string value) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0) & ((1UL << 53) - 1));

    private async Task RequireBotAsync(long? botId, CancellationToken cancellationToken)
    {
        if (botId is { } id && await bots.FindAsync(id, cancellationToken) is null)
        {
            throw new ValidationException("botId", $"Bot {id} is not registered; register it with POST /api/bots first.");
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored source (NotFoundException when there is none).</summary>
    private async Task<Source> ModifyAsync(string id, Func<Source, Source> change, CancellationToken cancellationToken) =>
        (await store.ModifyAsync<Source>(Source.Collection, Source.Partition, id,
            source => change(source ?? throw new NotFoundException($"No source '{id}'.")), cancellationToken)).Value!;
}

/// <summary>
/// What a run imports, fixed when it starts: a later upload swaps the source's export, never the
/// file under a run.
/// </summary>
/// <param name="Resume">Where a long run goes on after it continued as new (its history starts afresh every so many pages).</param>
public sealed record IngestionInput(string SourceId, string? UploadId = null, long? UploadMessages = null, IngestionResume? Resume = null)
{
    public static IngestionInput Of(Source source) => new(source.Id, source.UploadId, source.UploadMessages);
}
