namespace Sift.Storage;

/// <summary>
/// The search port: messages indexed for full-text and vector search, queried as one hybrid
/// ranking. Entries are keyed by (chat, message), the chat being the messages' chat key as text; indexing the same entry again changes nothing,
/// and indexing a new version of a message replaces its entry.
/// </summary>
public interface ISearchIndex
{
    Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken);

    /// <summary>Gives an indexed entry a new <see cref="SearchEntry.Class"/> (the rest stands); nothing when it has that class or is not indexed.</summary>
    Task ReclassifyAsync(string chat, long messageId, string messageClass, CancellationToken cancellationToken);

    /// <summary>
    /// The entries that best match <see cref="SearchRequest.Text"/> by words (BM25) and by meaning
    /// (cosine of the embeddings, only against entries of the same <see cref="SearchRequest.EmbeddingVersion"/>),
    /// the two rankings fused by reciprocal rank; best first, at most <see cref="SearchRequest.Limit"/>.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

/// <param name="Embedding">Unit length, from the embedder named by <paramref name="EmbeddingVersion"/>.</param>
/// <param name="Chat">The messages' chat key as text (a chat id, with the numbering account where the chat has one).</param>
/// <param name="Class">The message's class as the API names it (<c>signal</c>, <c>spam</c>…); empty when unknown.</param>
/// <param name="TopicIds">The message's top topics.</param>
public sealed record SearchEntry(
    string Chat, long MessageId, DateTimeOffset Date, string Text, float[] Embedding, string EmbeddingVersion,
    string Class = "", long? SenderId = null, string? Sender = null, IReadOnlyList<string>? TopicIds = null)
{
    public IReadOnlyList<string> Topics => TopicIds ?? [];
}

/// <param name="Text">The user's words; any characters (operators and quotes are matched as text, never parsed).</param>
/// <param name="Embedding">The embedding of <paramref name="Text"/> by the embedder named <paramref name="EmbeddingVersion"/>.</param>
/// <param name="Since">Inclusive.</param>
/// <param name="Until">Exclusive.</param>
/// <param name="Chat">Only entries of this chat key; null for all.</param>
/// <param name="Classes">The classes an entry may have (<see cref="SearchEntry.Class"/>; the empty string admits entries of unknown class); null admits any.</param>
/// <param name="TopicId">Only entries with this among their topics.</param>
/// <param name="VectorOnlyFloor">The least cosine of an entry none of whose words matched: below it a neighbour by meaning alone is noise.</param>
public sealed record SearchRequest(
    string Text, float[] Embedding, string EmbeddingVersion, string? Chat, DateTimeOffset? Since, DateTimeOffset? Until, int Limit,
    IReadOnlyList<string>? Classes = null, long? SenderId = null, string? TopicId = null, double VectorOnlyFloor = 0);

/// <param name="Score">The fused relevance (reciprocal rank fusion): higher is better, comparable within one answer only.</param>
/// <param name="Snippet">HTML: the text escaped, the matched words in <c>&lt;mark&gt;</c> (<see cref="SearchSnippets"/>), or the opening of the text for a match by meaning only.</param>
/// <param name="TextScore">BM25 (higher is better); null when no word matched or the adapter cannot report it.</param>
/// <param name="VectorScore">Cosine similarity; null when the entry was embedded by another embedder.</param>
public sealed record SearchHit(
    string Chat, long MessageId, DateTimeOffset Date, double Score, string Snippet, double? TextScore, double? VectorScore,
    string Class = "", long? SenderId = null, string? Sender = null);
