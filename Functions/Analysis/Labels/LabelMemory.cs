using System.Globalization;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Analysis.Labels;

/// <summary>One labelled message as the scorer learns from it.</summary>
/// <param name="MessageId">The message's document id (<c>{chat key}:{message id}</c>).</param>
/// <param name="Sender">The sender (<see cref="LearnedLabels.SenderKey"/>), for the sender's prior; null when the message has none.</param>
/// <param name="Fingerprint">The text's <see cref="TextFingerprint"/> as base64; null for a text too short to compare.</param>
public sealed record LabelledText(string MessageId, MessageClass Class, string? Sender, string? Fingerprint, DateTimeOffset At);

/// <summary>One shard of the label memory: the labelled messages whose id falls in it.</summary>
public sealed record LabelMemoryShard(int Shard, IReadOnlyList<LabelledText> Texts);

/// <summary>
/// What the deployment learned from people's labels, beside the shipped model (which does not
/// change): each labelled message's text fingerprint, class and sender, in <see cref="Shards"/>
/// documents of one partition, a message in the shard its id picks. A label sets its message's
/// entry and a removal drops it, each one single-document read-modify-write: setting what is
/// already set changes nothing, so a repeated or retried label never counts twice, a relabel moves
/// the message to its new class, and concurrent labels of different messages each land (on one
/// shard they retry on the ETag). Analysis reads the memory through a cache of
/// <see cref="CacheFor"/>, which a label made in this process clears.
/// </summary>
/// <remarks>A shard keeps its <see cref="MaxPerShard"/> latest labels (16 × 2,000 in all, about 250 bytes each): the oldest goes first.</remarks>
public sealed class LabelMemory(IDocumentStore store, TimeProvider clock)
{
    public const string Collection = "label-memory";
    public const string Partition = "memory";
    public const int Shards = 16;
    public const int MaxPerShard = 2000;
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly Lock loading = new();
    private (Task<LearnedLabels> Snapshot, DateTimeOffset ReadAt)? cached;

    public static CollectionDefinition Definition { get; } = new(Collection);

    /// <summary>Remembers <paramref name="message"/> as labelled <paramref name="label"/>; remembering the same again changes nothing.</summary>
    public async Task RememberAsync(MessageDocument message, MessageLabel label, CancellationToken cancellationToken)
    {
        var entry = new LabelledText(message.Id, label.Class, message.Sender is { } sender ? LearnedLabels.SenderKey(sender) : null,
            TextFingerprint.Of(message.Text) is { } fingerprint ? TextFingerprint.ToText(fingerprint) : null, label.At);
        await ChangeAsync(message.Id, texts => texts.FirstOrDefault(t => t.MessageId == entry.MessageId) is { } known && known with { At = entry.At } == entry
            ? null
            : [.. texts.Where(t => t.MessageId != entry.MessageId).Append(entry).OrderByDescending(t => t.At).Take(MaxPerShard)], cancellationToken);
    }

    /// <summary>Forgets the message's label; forgetting one not remembered changes nothing.</summary>
    public Task ForgetAsync(MessageDocument message, CancellationToken cancellationToken) =>
        ChangeAsync(message.Id, texts => texts.Any(t => t.MessageId == message.Id) ? [.. texts.Where(t => t.MessageId != message.Id)] : null, cancellationToken);

    /// <summary>The memory as read at most <see cref="CacheFor"/> ago (or since this process last changed it).</summary>
    public Task<LearnedLabels> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (loading)
        {
            var now = clock.GetUtcNow();
            if (cached is not { } current || current.Snapshot.IsFaulted || now - current.ReadAt >= CacheFor)
            {
                current = (ReadAsync(), now);
                cached = current;
            }

            return current.Snapshot.WaitAsync(cancellationToken);
        }
    }

    /// <summary>All shards: one single-partition query of <see cref="Shards"/> documents.</summary>
    private async Task<LearnedLabels> ReadAsync()
    {
        var shards = await store.QueryAsync<LabelMemoryShard>(Collection, new DocumentQuery { Partition = Partition, Limit = Shards }, CancellationToken.None);
        return shards.Items.Sum(s => s.Texts.Count) == 0 ? LearnedLabels.Empty : new LearnedLabels(shards.Items.SelectMany(s => s.Texts));
    }

    private async Task ChangeAsync(string messageId, Func<IReadOnlyList<LabelledText>, IReadOnlyList<LabelledText>?> change, CancellationToken cancellationToken)
    {
        var shard = Shard(messageId);
        var result = await store.ModifyAsync<LabelMemoryShard>(Collection, Partition, shard.ToString(CultureInfo.InvariantCulture),
            stored => change(stored?.Texts ?? []) is { } texts ? new LabelMemoryShard(shard, texts) : null, cancellationToken);
        if (result.Outcome != ModifyOutcome.Unchanged)
        {
            lock (loading)
            {
                cached = null;
            }
        }
    }

    /// <summary>A stable hash of the id (FNV-1a): every process puts a message in the same shard.</summary>
    private static int Shard(string messageId)
    {
        var hash = 2166136261u;
        foreach (var c in messageId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }
}
