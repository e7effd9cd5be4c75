using Sift.Analysis;
using Sift.Api;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Digests;

/// <summary>One UTC day of a chat, read from its partitions only: the day's messages, atoms and the chat's open proposals.</summary>
public sealed class DigestBuilder(MessageStore messages, ChatStatistics chats, KnowledgeStore knowledge)
{
    public const int TopMessages = 10;
    public const string Unanalysed = "unanalysed";
    private const int ExcerptLength = 200;
    private const int MaxListed = 1000;

    public async Task<DigestResponse> BuildAsync(ChatKey chatId, DateOnly date, CancellationToken cancellationToken)
    {
        if ((await chats.ReadAsync(chatId, cancellationToken)).Messages == 0)
        {
            throw new NotFoundException($"No messages of chat {chatId} are stored.");
        }

        var since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var (count, top, byClass, byTopic) = await ReadDayAsync(chatId, since, cancellationToken);
        var atoms = await ReadAllAsync(c => knowledge.ListAtomsAsync(new AtomFilter(chatId, null, null, since, since.AddDays(1), Paging.MaxLimit, c), cancellationToken), MaxListed);
        var open = await ReadAllAsync(c => knowledge.ListProposalsAsync(new ProposalFilter(chatId, ProposalStatus.Pending, null, null, Paging.MaxLimit, c), cancellationToken), MaxListed);
        return new DigestResponse(chatId, date, count, top, byClass, byTopic,
            atoms.Select(AtomResponse.From).ToList(), open.Select(ProposalResponse.From).ToList());
    }

    /// <summary>
    /// The day's messages a page at a time, keeping only counts and the best <see cref="TopMessages"/>:
    /// a busy day of a large chat costs one page of memory, not the day.
    /// </summary>
    private async Task<(long Count, List<DigestMessage> Top, Dictionary<string, long> ByClass, SortedDictionary<string, long> ByTopic)> ReadDayAsync(
        ChatKey chatId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var byClass = EnumQuery.Names<MessageClass>().Select(n => n.Name).Append(Unanalysed).ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
        var byTopic = new SortedDictionary<string, long>(StringComparer.Ordinal);
        // The worst of the best kept so far comes out first: lower importance, then later, then the higher id.
        var best = new PriorityQueue<DigestMessage, (double Importance, long Ticks, long Id)>();
        var count = 0L;
        string? continuation = null;
        do
        {
            var page = await messages.ListAsync(new MessageFilter(chatId, since, since.AddDays(1)), Paging.MaxLimit, continuation, cancellationToken);
            foreach (var message in page.Items)
            {
                count++;
                var (classKey, topic) = message.Analysis is { } a
                    ? (EnumQuery.Name(a.Class), a.TopicIds.Count > 0 ? a.TopicIds[0] : TopicMatch.UncategorizedId)
                    : (Unanalysed, Unanalysed);
                byClass[classKey]++;
                byTopic[topic] = byTopic.GetValueOrDefault(topic) + 1;
                if (message.Analysis is not null)
                {
                    var rank = (message.Analysis.Importance, -message.Date.UtcTicks, -message.MessageId);
                    if (best.Count < TopMessages)
                    {
                        best.Enqueue(Describe(message), rank);
                    }
                    else if (best.TryPeek(out _, out var worst) && rank.CompareTo(worst) > 0)
                    {
                        best.EnqueueDequeue(Describe(message), rank);
                    }
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        var top = best.UnorderedItems.OrderByDescending(x => x.Priority).Select(x => x.Element).ToList();
        return (count, top, byClass, byTopic);
    }

    private static DigestMessage Describe(MessageDocument m) => new(
        m.MessageId, m.Date, m.Sender?.Name, m.Analysis!.Class, m.Analysis.Importance, m.Analysis.TopicIds,
        m.Text is { Length: > ExcerptLength } text ? string.Concat(text.AsSpan(0, ExcerptLength - 1), "…") : m.Text ?? "");

    private static async Task<List<T>> ReadAllAsync<T>(Func<string?, Task<Page<T>>> read, int max)
    {
        var items = new List<T>();
        string? continuation = null;
        do
        {
            var page = await read(continuation);
            items.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null && items.Count < max);

        return items;
    }
}

/// <summary>One day of a chat: what mattered most, what was learned, what waits for review.</summary>
public sealed record DigestResponse(
    ChatKey ChatId, DateOnly Date, long Messages, IReadOnlyList<DigestMessage> TopMessages, IReadOnlyDictionary<string, long> ByClass,
    IReadOnlyDictionary<string, long> ByTopic, IReadOnlyList<AtomResponse> Atoms, IReadOnlyList<ProposalResponse> OpenProposals);

public sealed record DigestMessage(
    long MessageId, DateTimeOffset Date, string? Sender, MessageClass Class, double Importance, IReadOnlyList<string> Topics, string Excerpt);
