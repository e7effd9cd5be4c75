using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sift.Api;
using Sift.Storage;

namespace Sift.Topics;

/// <summary>The topics and a version that changes whenever any of them does (what an analysis records it used).</summary>
public sealed record TopicSet(IReadOnlyList<Topic> Topics, string Version);

/// <summary>
/// The user-defined topics, all in one partition (there are at most <see cref="TopicValidation.MaxTopics"/>).
/// The analyzer reads them through <see cref="CurrentAsync"/>, cached for <see cref="CacheFor"/>,
/// so a burst of messages costs one query; a change reaches every instance within that time.
/// </summary>
public sealed class TopicCatalog(IDocumentStore store, TimeProvider clock)
{
    public const string Collection = "topics";
    public const string Partition = "topics";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private volatile Cached? cached;

    public async Task<TopicSet> CurrentAsync(CancellationToken cancellationToken)
    {
        if (cached is { } c && clock.GetUtcNow() - c.ReadAt < CacheFor)
        {
            return c.Set;
        }

        var page = await store.QueryAsync<Topic>(Collection, new DocumentQuery { Partition = Partition, Limit = TopicValidation.MaxTopics }, cancellationToken);
        var set = new TopicSet(page.Items, Version(page.Items));
        cached = new Cached(set, clock.GetUtcNow());
        return set;
    }

    public async Task<Topic> CreateAsync(CreateTopicRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = request.Name?.Trim() ?? "";
        var topic = TopicValidation.Check(new Topic(TopicValidation.Id(request.Id, name), name, Blank(request.Description),
            TopicValidation.Terms(request.Keywords), TopicValidation.Terms(request.Phrases), now, now));
        if (await store.CountAsync(Collection, new DocumentQuery { Partition = Partition }, cancellationToken) >= TopicValidation.MaxTopics)
        {
            throw new ConflictException($"There are {TopicValidation.MaxTopics} topics already, the most Sift classifies into; delete one first.");
        }

        try
        {
            await store.CreateAsync(Collection, Partition, topic.Id, topic, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            throw new ConflictException($"A topic '{topic.Id}' exists already; choose another id or name.");
        }

        cached = null;
        return topic;
    }

    public async Task<Topic> GetAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<Topic>(Collection, Partition, id, cancellationToken))?.Value ?? throw new NotFoundException($"No topic '{id}'.");

    public Task<Page<Topic>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<Topic>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Changes what the request names; a request that changes nothing leaves the topic (and its updatedAt) as it was.</summary>
    public async Task<Topic> UpdateAsync(string id, UpdateTopicRequest request, CancellationToken cancellationToken)
    {
        var result = await store.ModifyAsync<Topic>(Collection, Partition, id, stored =>
        {
            var topic = stored ?? throw new NotFoundException($"No topic '{id}'.");
            var changed = TopicValidation.Check(topic with
            {
                Name = request.Name?.Trim() ?? topic.Name,
                Description = request.Description is null ? topic.Description : Blank(request.Description),
                Keywords = request.Keywords is null ? topic.Keywords : TopicValidation.Terms(request.Keywords),
                Phrases = request.Phrases is null ? topic.Phrases : TopicValidation.Terms(request.Phrases),
            });
            return Same(changed, topic) ? topic : changed with { UpdatedAt = clock.GetUtcNow() };
        }, cancellationToken);
        cached = null;
        return result.Value!;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(Collection, Partition, id, cancellationToken))
        {
            throw new NotFoundException($"No topic '{id}'.");
        }

        cached = null;
    }

    private sealed record Cached(TopicSet Set, DateTimeOffset ReadAt);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool Same(Topic a, Topic b) =>
        a.Name == b.Name && a.Description == b.Description && a.Keywords.SequenceEqual(b.Keywords) && a.Phrases.SequenceEqual(b.Phrases);

    /// <summary>A digest of what classification reads (not the timestamps), in id order.</summary>
    private static string Version(IEnumerable<Topic> topics)
    {
        var content = topics.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new object?[] { t.Id, t.Name, t.Description, t.Keywords, t.Phrases });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, SiftJson.Options))))[..16];
    }
}
