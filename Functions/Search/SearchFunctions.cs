using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Analysis;
using Sift.Api;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;

namespace Sift.Search;

public static class SearchExtensions
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSearchIndex();
        return builder;
    }
}

/// <summary>
/// <c>GET /api/search</c>: messages ranked by a hybrid of their words (BM25) and their meaning
/// (the embedding of <c>q</c> by the embedder that serves the embed purpose), each with the fused
/// score, both component scores, the matched snippet as escaped HTML, its class, sender and chat
/// title; spam and noise only when asked for, paged by <see cref="SearchPaging"/>.
/// </summary>
[Tags("Search")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed partial class SearchFunctions(
    ISearchIndex index, IModelPurposes purposes, IEmbedder offlineEmbedder, MessageStore messages, ContinuationProtection protection, ILogger<SearchFunctions> logger)
{
    /// <summary>
    /// The least cosine of a hit none of whose words matched, under the offline embedder. Measured
    /// by <c>bench/EmbedderFloor</c> on the labelled set (short queries cut from its messages):
    /// unrelated query-message pairs p99 0.18, p99.9 0.29, and "ok" scores 0.32 against "1200 rps"
    /// by one collision of hashed buckets; pairs that share only another form of a word (what only
    /// the vector side could find) p50 0.08, p90 0.15, no better than unrelated ones. So no floor
    /// separates them: this one stands above 99.96 % of unrelated pairs, and the offline vectors
    /// then reorder what words matched rather than add hits. Model embedders are not measured here
    /// and keep the scan's minimum.
    /// </summary>
    public const double OfflineVectorOnlyFloor = 0.35;

    [Function("SearchMessages")]
    [EndpointSummary("Messages ranked by their words and their meaning")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(SearchParameters))]
    public async Task<Ok<SearchResults>> SearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/search")] HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = StrictQuery.Bind<SearchParameters>(request);
        var (query, classes) = parameters.Validate();
        var (embedder, embedding) = await EmbedAsync(query, await purposes.EmbedderAsync(cancellationToken), cancellationToken);
        var fingerprint = SearchPaging.Fingerprint(query, parameters, classes, embedder.Version);
        var offset = parameters.Continuation is { } token ? SearchPaging.Open(protection, token, fingerprint) : 0;
        var limit = Math.Min(parameters.Limit ?? SearchParameters.DefaultLimit, SearchPaging.MaxDepth - offset);
        // One more than the page, to know whether there is a next one.
        var hits = await index.SearchAsync(
            new SearchRequest(query, embedding, embedder.Version, parameters.ChatId?.ToString(), parameters.Since, parameters.Until, Math.Min(offset + limit + 1, SearchPaging.MaxDepth),
                classes, parameters.SenderId, parameters.TopicId, embedder.Version == offlineEmbedder.Version ? OfflineVectorOnlyFloor : 0),
            cancellationToken);
        var page = hits.Skip(offset).Take(limit).ToList();
        var titles = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chat in page.Select(h => h.Chat).Distinct())
        {
            titles[chat] = (await messages.FindChatAsync(ChatKey.Parse(chat, null), cancellationToken))?.Title;
        }

        var next = hits.Count > offset + limit ? SearchPaging.Seal(protection, offset + limit, fingerprint) : null;
        return TypedResults.Ok(new SearchResults(page.Select(hit => SearchResult.From(hit, titles[hit.Chat])).ToList(), next));
    }

    /// <summary>The query's embedding; when the embedding model fails, the offline embedder's, so words still find what they match.</summary>
    private async Task<(IEmbedder Embedder, float[] Embedding)> EmbedAsync(string query, IEmbedder embedder, CancellationToken cancellationToken)
    {
        try
        {
            return (embedder, await embedder.EmbedAsync(query, cancellationToken));
        }
        catch (Exception e) when (embedder != offlineEmbedder && e is not OperationCanceledException)
        {
            LogQueryEmbeddedOffline(logger, embedder.Version, e.Message);
            return (offlineEmbedder, await offlineEmbedder.EmbedAsync(query, cancellationToken));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A search query was embedded offline: the embedder {Embedder} failed: {Reason}")]
    private static partial void LogQueryEmbeddedOffline(ILogger logger, string embedder, string reason);
}
