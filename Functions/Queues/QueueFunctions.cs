using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Queues;

/// <summary>A queue function's queue as operators see it: how much waits, how much failed, and for how long the oldest has waited.</summary>
public sealed record QueueSummary(string Name, string Function, long Depth, long PoisonDepth, double? OldestAgeSeconds);

/// <summary>A message that could not be processed. <see cref="Body"/> is cut to <see cref="QueueFunctions.MaxBodyChars"/> characters.</summary>
public sealed record PoisonMessage(string Id, DateTimeOffset InsertedAt, long DequeueCount, string Body, bool Truncated);

/// <summary>
/// <c>/api/queues</c>: the queues of the catalog's queue functions and their poison queues, where a
/// message that failed for good can be read, sent back to be processed again, or deleted.
/// </summary>
[Tags("Queues")]
[Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class QueueFunctions(IQueueClient queues, ContinuationProtection protection, TimeProvider clock)
{
    public const int MaxBodyChars = 4096;

    /// <summary>One page always: the catalog has a handful of queue functions.</summary>
    [Function("ListQueues")]
    [EndpointSummary("The queue functions' queues: depth, poison depth and the oldest message's age")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status400BadRequest)]
    public async Task<Ok<Page<QueueSummary>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/queues")] HttpRequest request, CancellationToken cancellationToken)
    {
        var summaries = new List<QueueSummary>();
        foreach (var (function, queue) in FunctionMethods.Queues)
        {
            var depth = await queues.MeasureAsync(queue, cancellationToken);
            var poison = await queues.MeasureAsync(QueueNames.Poison(queue), cancellationToken);
            var age = depth.OldestInsertedAt is { } oldest ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : (double?)null;
            summaries.Add(new QueueSummary(queue, function, depth.Count, poison.Count, age));
        }

        return TypedResults.Ok(new Page<QueueSummary>(summaries, null));
    }

    [Function("ListPoisonMessages")]
    [EndpointSummary("Messages of a queue that failed for good, oldest first")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(PageQuery))]
    [Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public async Task<Ok<Page<PoisonMessage>>> ListPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/queues/{name}/poison")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var poison = QueueNames.Poison(Known(name));
        var size = Paging.Limit(query.Limit);
        var after = query.Continuation is null ? null : PoisonPaging.Open(protection, poison, query.Continuation);
        var messages = await queues.PeekAsync(poison, after, size + 1, cancellationToken);
        var page = messages.Take(size).Select(m => new PoisonMessage(m.Id, m.InsertedAt, m.DequeueCount,
            m.Body.Length > MaxBodyChars ? m.Body[..MaxBodyChars] : m.Body, m.Body.Length > MaxBodyChars)).ToList();
        var next = messages.Count > size ? PoisonPaging.Seal(protection, poison, page[^1].Id) : null;
        return TypedResults.Ok(new Page<PoisonMessage>(page, next));
    }

    /// <summary>Back to the end of its queue with its dequeue count reset, to be processed again.</summary>
    [Function("RequeuePoisonMessage")]
    [EndpointSummary("Sends a poison message back to its queue to be processed again")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public async Task<NoContent> RequeueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/queues/{name}/poison/{id}/requeue")] HttpRequest request, string name, string id,
        CancellationToken cancellationToken)
    {
        var queue = Known(name);
        return await queues.MoveAsync(QueueNames.Poison(queue), id, queue, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"The poison queue of '{queue}' holds no message '{id}'.");
    }

    [Function("DeletePoisonMessage")]
    [EndpointSummary("Deletes a poison message")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/queues/{name}/poison/{id}")] HttpRequest request, string name, string id,
        CancellationToken cancellationToken)
    {
        var queue = Known(name);
        return await queues.DeleteAsync(QueueNames.Poison(queue), id, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"The poison queue of '{queue}' holds no message '{id}'.");
    }

    private static string Known(string name) =>
        FunctionMethods.Queues.Any(q => q.Queue == name) ? name : throw new NotFoundException($"No queue function reads a queue named '{name}'.");
}
