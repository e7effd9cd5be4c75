namespace Sift.Storage;

/// <summary>
/// The search port: messages indexed for full-text and vector search, queried as one hybrid
/// ranking. Entries are keyed by (chat, message), the chat being the messages' chat key as text; indexing the same entry again changes nothing,
/// and indexing a new version of a message replaces its entry.
/// </summary>
public interface ISearchIndex
{
    Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// The entries that best match <see cref="SearchRequest.Text"/> by words (BM25) and by meaning
    /// (cosine of the embeddings, only against entries of the same <see cref="SearchRequest.EmbeddingVersion"/>),
    /// the two rankings fused by reciprocal rank; best first, at most <see cref="SearchRequest.Limit"/>.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

/// <param name="Embedding">Unit length, from the embedder named by <paramref name="EmbeddingVersion"/>.</param>
public sealed record SearchEntry(string Chat, long MessageId, DateTimeOffset Date, string Text, float[] Embedding, string EmbeddingVersion);

/// <param name="Text">The user's words; any characters (operators and quotes are matched as text, never parsed).</param>
/// <param name="Embedding">The embedding of <paramref name="Text"/> by the embedder named <paramref name="EmbeddingVersion"/>.</param>
/// <param name="Since">Inclusive.</param>
/// <param name="Until">Exclusive.</param>
public sealed record SearchRequest(string Text, float[] Embedding, string EmbeddingVersion, string? Chat, DateTimeOffset? Since, DateTimeOffset? Until, int Limit);

/// <param name="Score">The fused relevance (reciprocal rank fusion): higher is better, comparable within one answer only.</param>
/// <param name="Snippet">The matched words marked with <see cref="SearchSnippets.MarkStart"/>/<see cref="SearchSnippets.MarkEnd"/>, or the opening of the text for a match by meaning only.</param>
/// <param name="TextScore">BM25 (higher is better); null when no word matched or the adapter cannot report it.</param>
/// <param name="VectorScore">Cosine similarity; null when the entry was embedded by another embedder.</param>
public sealed record SearchHit(string Chat, long MessageId, DateTimeOffset Date, double Score, string Snippet, double? TextScore, double? VectorScore);
