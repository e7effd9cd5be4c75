using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Queues;

/// <summary>A queue function's queue as operators see it: how much waits, how much failed, and for how long the oldest has waited.</summary>
public sealed record QueueSummary(string Name, string Function, long Depth, long PoisonDepth, double? OldestAgeSeconds);

/// <summary>A message that could not be processed. <see cref="Body"/> is cut to <see cref="QueueEndpoints.MaxBodyChars"/> characters.</summary>
public sealed record PoisonMessage(string Id, DateTimeOffset InsertedAt, long DequeueCount, string Body, bool Truncated);

/// <summary>
/// <c>/api/queues</c>: the queues of the catalog's queue functions and their poison queues, where a
/// message that failed for good can be read, sent back to be processed again, or deleted.
/// </summary>
public static class QueueEndpoints
{
    public const int MaxBodyChars = 4096;

    public static RouteGroupBuilder MapQueues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queues").WithTags("Queues").RequireAuthorization(Roles.Reader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}/poison", ListPoisonAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/poison/{id}/requeue", RequeueAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{name}/poison/{id}", DeleteAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>One page always: the catalog has a handful of queue functions.</summary>
    private static async Task<Ok<Page<QueueSummary>>> ListAsync(
        IEnumerable<FunctionDefinition> catalog, IQueueClient queues, TimeProvider clock, CancellationToken cancellationToken)
    {
        var summaries = new List<QueueSummary>();
        foreach (var (function, queue) in QueueFunctions(catalog))
        {
            var depth = await queues.MeasureAsync(queue, cancellationToken);
            var poison = await queues.MeasureAsync(QueueNames.Poison(queue), cancellationToken);
            var age = depth.OldestInsertedAt is { } oldest ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : (double?)null;
            summaries.Add(new QueueSummary(queue, function, depth.Count, poison.Count, age));
        }

        return TypedResults.Ok(new Page<QueueSummary>(summaries, null));
    }

    private static async Task<Ok<Page<PoisonMessage>>> ListPoisonAsync(
        string name, int? limit, string? continuation, IEnumerable<FunctionDefinition> catalog, IQueueClient queues, ContinuationProtection protection,
        CancellationToken cancellationToken)
    {
        var poison = QueueNames.Poison(Known(catalog, name));
        var size = Paging.Limit(limit);
        var after = continuation is null ? null : PoisonPaging.Open(protection, poison, continuation);
        var messages = await queues.PeekAsync(poison, after, size + 1, cancellationToken);
        var page = messages.Take(size).Select(m => new PoisonMessage(m.Id, m.InsertedAt, m.DequeueCount,
            m.Body.Length > MaxBodyChars ? m.Body[..MaxBodyChars] : m.Body, m.Body.Length > MaxBodyChars)).ToList();
        var next = messages.Count > size ? PoisonPaging.Seal(protection, poison, page[^1].Id) : null;
        return TypedResults.Ok(new Page<PoisonMessage>(page, next));
    }

    /// <summary>Back to the end of its queue with its dequeue count reset, to be processed again.</summary>
    private static async Task<NoContent> RequeueAsync(string name, string id, IEnumerable<FunctionDefinition> catalog, IQueueClient queues, CancellationToken cancellationToken)
    {
        var queue = Known(catalog, name);
        return await queues.MoveAsync(QueueNames.Poison(queue), id, queue, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"The poison queue of '{queue}' holds no message '{id}'.");
    }

    private static async Task<NoContent> DeleteAsync(string name, string id, IEnumerable<FunctionDefinition> catalog, IQueueClient queues, CancellationToken cancellationToken)
    {
        var queue = Known(catalog, name);
        return await queues.DeleteAsync(QueueNames.Poison(queue), id, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"The poison queue of '{queue}' holds no message '{id}'.");
    }

    private static IEnumerable<(string Function, string Queue)> QueueFunctions(IEnumerable<FunctionDefinition> catalog) =>
        catalog.Where(f => f.Trigger is QueueTrigger).Select(f => (f.Name, ((QueueTrigger)f.Trigger).QueueName)).OrderBy(q => q.QueueName, StringComparer.Ordinal);

    private static string Known(IEnumerable<FunctionDefinition> catalog, string name) =>
        QueueFunctions(catalog).Any(q => q.Queue == name) ? name : throw new NotFoundException($"No queue function reads a queue named '{name}'.");
}
