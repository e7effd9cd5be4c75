using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Analysis;
using Sift.Api;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>One UTC day of a chat, read from its partitions only: the day's messages, atoms and the chat's open proposals.</summary>
public sealed class DigestBuilder(MessageStore messages, ChatStatistics chats, KnowledgeStore knowledge)
{
    public const int TopMessages = 10;
    public const string Unanalysed = "unanalysed";
    private const int ExcerptLength = 200;
    private const int MaxListed = 1000;

    public async Task<DigestResponse> BuildAsync(long chatId, DateOnly date, CancellationToken cancellationToken)
    {
        if ((await chats.ReadAsync(chatId, cancellationToken)).Messages == 0)
        {
            throw new NotFoundException($"No messages of chat {chatId} are stored.");
        }

        var since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var day = await ReadAllAsync(c => messages.ListAsync(new MessageFilter(chatId, since, since.AddDays(1)), Paging.MaxLimit, c, cancellationToken), int.MaxValue);
        var byClass = EnumQuery.Names<MessageClass>().Select(n => n.Name).Append(Unanalysed).ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
        var byTopic = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var message in day)
        {
            var (classKey, topic) = message.Analysis is { } a
                ? (EnumQuery.Name(a.Class), (a.TopicIds.Count > 0 ? a.TopicIds[0] : TopicMatch.UncategorizedId))
                : (Unanalysed, Unanalysed);
            byClass[classKey]++;
            byTopic[topic] = byTopic.GetValueOrDefault(topic) + 1;
        }

        var top = day.Where(m => m.Analysis is not null).OrderByDescending(m => m.Analysis!.Importance).ThenBy(m => m.Date).ThenBy(m => m.MessageId)
            .Take(TopMessages).Select(Describe).ToList();
        var atoms = await ReadAllAsync(c => knowledge.ListAtomsAsync(new AtomFilter(chatId, null, null, since, since.AddDays(1), Paging.MaxLimit, c), cancellationToken), MaxListed);
        var open = await ReadAllAsync(c => knowledge.ListProposalsAsync(new ProposalFilter(chatId, ProposalStatus.Pending, null, null, Paging.MaxLimit, c), cancellationToken), MaxListed);
        return new DigestResponse(chatId, date, day.Count, top, byClass, byTopic,
            atoms.Select(AtomResponse.From).ToList(), open.Select(ProposalResponse.From).ToList());
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

public static class DigestEndpoints
{
    public static RouteGroupBuilder MapDigest(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chats/{chatId:long}/digest").WithTags("Knowledge").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The digest of one UTC day (<c>date=YYYY-MM-DD</c>, default today).</summary>
    private static async Task<Ok<DigestResponse>> GetAsync(long chatId, string? date, DigestBuilder digests, TimeProvider clock, CancellationToken cancellationToken)
    {
        DateOnly day;
        if (date is null)
        {
            day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            throw new ValidationException("date", $"date must be a day as YYYY-MM-DD (got '{ProblemTitles.Echo(date)}').");
        }

        return TypedResults.Ok(await digests.BuildAsync(chatId, day, cancellationToken));
    }
}
