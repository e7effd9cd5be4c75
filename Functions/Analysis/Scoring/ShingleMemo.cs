using System.Collections.Concurrent;

namespace Sift.Analysis.Scoring;

/// <summary>
/// A bounded memory of messages' shingles by message id, for the one process. An entry counts only
/// while the text it was read from is the text asked about, so an edit is read again. Two
/// generations: when the young one is full it becomes the old one and the old one is dropped, and
/// an entry found in the old one moves back to the young. Races only compute the same value twice.
/// </summary>
internal sealed class ShingleMemo(int generationSize)
{
    private readonly Lock turning = new();
    private Generation young = new(), old = new();

    public ulong[] Get(string id, string text, Func<string, ulong[]> read)
    {
        if (young.Entries.TryGetValue(id, out var entry) && entry.Text == text)
        {
            return entry.Shingles;
        }

        if (!(old.Entries.TryGetValue(id, out entry) && entry.Text == text))
        {
            entry = new Entry(text, read(text));
        }

        Keep(id, entry);
        return entry.Shingles;
    }

    public void Keep(string id, string text, ulong[] shingles) => Keep(id, new Entry(text, shingles));

    private void Keep(string id, Entry entry)
    {
        var generation = young;
        if (!generation.Entries.TryAdd(id, entry))
        {
            generation.Entries[id] = entry;
            return;
        }

        if (Interlocked.Increment(ref generation.Count) < generationSize)
        {
            return;
        }

        lock (turning)
        {
            if (ReferenceEquals(young, generation))
            {
                (old, young) = (generation, new Generation());
            }
        }
    }

    private sealed record Entry(string Text, ulong[] Shingles);

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
        public int Count;
    }
}
