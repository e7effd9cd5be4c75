using Sift.Analysis;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>
/// Groups a run's messages into threads (reply chains and Telegram threads stay together) and packs
/// whole threads into batches under a token budget; only a thread larger than the budget is split,
/// in date order. Deterministic: the same messages always make the same batches.
/// </summary>
internal static class BatchPlanner
{
    /// <summary>The usual estimate, characters / 4, counting the sender and framing each message gets in a prompt.</summary>
    public static int Tokens(BatchMessage message) => (message.Text.Length + (message.SenderName?.Length ?? 0) + 24 + 3) / 4;

    public static List<ExtractionBatch> Plan(ChatKey chatId, IEnumerable<SelectedMessage> messages, int budget)
    {
        var batches = new List<ExtractionBatch>();
        var current = new List<BatchMessage>();
        var used = 0;
        foreach (var thread in Threads(messages))
        {
            if (used + thread.Sum(Tokens) > budget)
            {
                Flush();
            }

            foreach (var message in thread)
            {
                var tokens = Tokens(message);
                if (used > 0 && used + tokens > budget)
                {
                    Flush();
                }

                current.Add(message);
                used += tokens;
            }
        }

        Flush();
        return batches;

        void Flush()
        {
            if (current.Count > 0)
            {
                batches.Add(new ExtractionBatch(chatId, current));
                current = [];
                used = 0;
            }
        }
    }

    /// <summary>Threads in the order they start, each in date order.</summary>
    private static IEnumerable<List<BatchMessage>> Threads(IEnumerable<SelectedMessage> messages)
    {
        var ordered = messages.DistinctBy(m => m.Message.MessageId).OrderBy(m => m.Message.Date).ThenBy(m => m.Message.MessageId).ToList();
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var selected in ordered)
        {
            var key = $"m{selected.Message.MessageId}";
            if (selected.Message.ReplyToMessageId is { } replyTo)
            {
                Union(key, $"m{replyTo}");
            }

            if (selected.ThreadId is { } thread)
            {
                Union(key, $"t{thread}");
            }
        }

        return ordered.GroupBy(m => Root($"m{m.Message.MessageId}"), StringComparer.Ordinal).Select(g => g.Select(m => m.Message).ToList());

        string Root(string key)
        {
            while (parents.TryGetValue(key, out var parent))
            {
                key = parent;
            }

            return key;
        }

        void Union(string a, string b)
        {
            var (rootA, rootB) = (Root(a), Root(b));
            if (rootA != rootB)
            {
                parents[rootA] = rootB;
            }
        }
    }
}
