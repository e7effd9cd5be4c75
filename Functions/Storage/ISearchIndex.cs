namespace Sift.Storage;

/// <summary>
/// The search port: messages indexed for full-text and vector search, queried as one hybrid
/// ranking. Entries are keyed by (chat, message); indexing the same entry again changes nothing,
/// and indexing a new version of a message replaces its entry.
/// </summary>
public interface ISearchIndex
{
    Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken);
}

/// <param name="Embedding">Unit length, from the embedder named by <paramref name="EmbeddingVersion"/>.</param>
public sealed record SearchEntry(long ChatId, long MessageId, DateTimeOffset Date, string Text, float[] Embedding, string EmbeddingVersion);
