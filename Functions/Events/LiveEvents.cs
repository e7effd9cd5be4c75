using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Sift.Analysis;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Storage;

namespace Sift.Events;

/// <summary>
/// One client's stream of live events: the journal's entries (what any instance wrote, read from the shared store)
/// and the orchestrations' progress (read from Durable's own store, shared too), polled every
/// <see cref="EventOptions.PollInterval"/> until <see cref="EventOptions.StreamDuration"/> has passed or the client
/// goes. Each event's id is the journal time it was sent up to; a client that reconnects with it as
/// <c>Last-Event-ID</c> gets everything from <see cref="Overlap"/> before that time on, so nothing is missed and a
/// few events may come twice (events say what changed, and reading it again changes nothing).
/// </summary>
public sealed class LiveEvents(EventJournal journal, IOptions<EventOptions> options, TimeProvider clock)
{
    /// <summary>
    /// How far back each read looks past the newest entry already sent: an entry is stamped before it is written, and
    /// instances' clocks differ a little, so an entry may become visible after a later-stamped one was sent.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    private const int PageSize = 200;

    /// <summary>Entries one read sends at most; the rest follow at the next read, without waiting.</summary>
    private const int MaxPerRead = 2000;

    /// <param name="durable">The function's Durable client: the stream runs after the function returned, outside its binding's scope.</param>
    public async IAsyncEnumerable<SseItem<LiveEvent>> ReadAsync(
        ChatKey? chatId, DateTimeOffset? resumeAfter, DurableTaskClient durable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = clock.GetUtcNow();
        var position = new Position(resumeAfter is { } resume ? resume - Overlap : opened, resumeAfter ?? opened);
        yield return Item(new LiveEvent { Type = LiveEvent.Ready, At = opened, ChatId = chatId }, position.Cursor) with { ReconnectionInterval = options.Value.PollInterval };
        var runs = new Dictionary<string, (DateTimeOffset Updated, bool Active)>(StringComparer.Ordinal);
        var closes = opened + options.Value.StreamDuration;
        var wait = false;
        while (await NextAsync(chatId, opened, position, runs, durable, wait, cancellationToken) is { } news)
        {
            foreach (var item in news.Items)
            {
                yield return item;
            }

            if (clock.GetUtcNow() >= closes)
            {
                yield break;
            }

            wait = !news.More;
        }
    }

    /// <returns>What happened since the last read (null once the client is gone), and whether the journal had more than one read sends.</returns>
    private async Task<(List<SseItem<LiveEvent>> Items, bool More)?> NextAsync(
        ChatKey? chatId, DateTimeOffset opened, Position position, Dictionary<string, (DateTimeOffset Updated, bool Active)> runs, DurableTaskClient durable, bool wait,
        CancellationToken cancellationToken)
    {
        try
        {
            if (wait)
            {
                await Task.Delay(options.Value.PollInterval, clock, cancellationToken);
            }

            var (items, more) = await JournalAsync(chatId, position, cancellationToken);
            items.AddRange((await RunsAsync(chatId, opened, runs, durable, cancellationToken)).Select(live => Item(live, position.Cursor)));
            return (items, more);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The entries not sent yet, each with the id to resume after it: the newest time sent up to it.</summary>
    private async Task<(List<SseItem<LiveEvent>> Items, bool More)> JournalAsync(ChatKey? chatId, Position position, CancellationToken cancellationToken)
    {
        var items = new List<SseItem<LiveEvent>>();
        string? continuation = null;
        do
        {
            var page = await journal.ReadAsync(chatId, position.ReadFrom, PageSize, continuation, cancellationToken);
            foreach (var entry in page.Items.Where(position.Unsent))
            {
                position.Sent(entry);
                items.Add(Item(entry.Event, position.Cursor));
            }

            continuation = page.Continuation;
        }
        while (continuation is not null && items.Count < MaxPerRead);

        position.Forget();
        return (items, continuation is not null);
    }

    /// <summary>
    /// Orchestrations whose status changed since this stream last said: the active ones, those created since it opened
    /// (a short run may start and end between two reads), and those it saw active that have ended since.
    /// </summary>
    private static async Task<List<LiveEvent>> RunsAsync(
        ChatKey? chatId, DateTimeOffset opened, Dictionary<string, (DateTimeOffset Updated, bool Active)> runs, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, OrchestrationInstance>(StringComparer.Ordinal);
        foreach (var query in new[]
        {
            new OrchestrationQuery { Statuses = OrchestrationInstance.ActiveStatuses, FetchInputsAndOutputs = true, PageSize = 100 },
            new OrchestrationQuery { CreatedFrom = opened - Overlap, FetchInputsAndOutputs = true, PageSize = 100 },
        })
        {
            await foreach (var page in durable.GetAllInstancesAsync(query).AsPages(pageSizeHint: query.PageSize).WithCancellation(cancellationToken))
            {
                foreach (var run in page.Values.Select(OrchestrationInstance.From).Where(run => chatId is not { } chat || IsOf(run.InstanceId, chat)))
                {
                    current[run.InstanceId] = run;
                }

                break;
            }
        }

        foreach (var (id, _) in runs.Where(run => run.Value.Active && !current.ContainsKey(run.Key)).ToList())
        {
            if (await durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } ended)
            {
                current[id] = OrchestrationInstance.From(ended);
            }
            else
            {
                runs.Remove(id);
            }
        }

        var changed = current.Values.Where(run => !runs.TryGetValue(run.InstanceId, out var seen) || seen.Updated != run.LastUpdatedAt || seen.Active != run.IsActive).ToList();
        foreach (var run in changed)
        {
            runs[run.InstanceId] = (run.LastUpdatedAt, run.IsActive);
        }

        return changed.Select(run => new LiveEvent { Type = LiveEvent.RunProgress, At = run.LastUpdatedAt, ChatId = chatId, Run = OrchestrationStatusResponse.From(run) }).ToList();
    }

    /// <summary>A knowledge run of the chat, or a reanalysis of it (a reanalysis of everything is not one chat's).</summary>
    private static bool IsOf(string instanceId, ChatKey chatId) =>
        instanceId.StartsWith(AnalysisRuns.InstancePrefix(chatId), StringComparison.Ordinal) || instanceId == new ReanalyzeRequest(chatId, null, null).InstanceId;

    private static SseItem<LiveEvent> Item(LiveEvent live, DateTimeOffset cursor) => new(live, live.Type) { EventId = UtcTimestampConverter.ToText(cursor) };

    /// <summary>Where a stream is in the journal: entries stamped before <see cref="Floor"/> are not news to its client, and those sent lately are remembered.</summary>
    private sealed class Position(DateTimeOffset floor, DateTimeOffset cursor)
    {
        private readonly Dictionary<string, DateTimeOffset> recent = new(StringComparer.Ordinal);

        public DateTimeOffset Floor { get; } = floor;

        /// <summary>The newest entry's time sent so far, and the id of every event.</summary>
        public DateTimeOffset Cursor { get; private set; } = cursor;

        public DateTimeOffset ReadFrom => Cursor - Overlap > Floor ? Cursor - Overlap : Floor;

        public bool Unsent(EventDocument entry) => entry.At >= Floor && !(recent.TryGetValue(entry.Id, out var at) && at == entry.At);

        public void Sent(EventDocument entry)
        {
            recent[entry.Id] = entry.At;
            if (entry.At > Cursor)
            {
                Cursor = entry.At;
            }
        }

        /// <summary>Drops what no later read can return again.</summary>
        public void Forget()
        {
            foreach (var old in recent.Where(entry => entry.Value < ReadFrom).Select(entry => entry.Key).ToList())
            {
                recent.Remove(old);
            }
        }
    }
}
