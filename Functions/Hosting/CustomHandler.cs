using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>
/// The custom-handler side of the Functions host, mapped only when the host started Sift. HTTP
/// functions arrive proxied at their own paths and need nothing here; queue and timer functions
/// arrive as <c>POST /{FunctionName}</c> (see <see cref="CustomHandlerInvocation"/>). The routes are
/// anonymous and outside /api, so neither keys nor rate limits apply: Sift listens on 127.0.0.1
/// there and the host is the only caller. Any non-2xx answer fails the invocation
/// (DefaultHttpWorkerService.ProcessDefaultInvocationRequest calls EnsureSuccessStatusCode): the host
/// makes a queue message visible again and poisons it after <c>maxDequeueCount</c>.
/// </summary>
public static partial class CustomHandler
{
    /// <summary>Sent by the host with every invocation (HttpWorkerConstants.InvocationIdHeaderName).</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public static IEndpointRouteBuilder MapCustomHandler(this WebApplication app)
    {
        if (!FunctionsHost.IsActive(app.Configuration))
        {
            return app;
        }

        var host = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        // The host waits until GET / answers anything (DefaultHttpWorkerService.IsWorkerReady).
        host.MapGet("/", () => TypedResults.Ok());
        host.MapPost("/{function}", InvokeAsync);
        return app;
    }

    private static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> InvokeAsync(
        string function, HttpRequest request, IEnumerable<FunctionDefinition> catalog, IServiceScopeFactory scopes, IQueueClient queues,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (catalog.FirstOrDefault(f => f.Name == function && f.Trigger is QueueTrigger or TimerTrigger) is not { } definition)
        {
            return TypedResults.Problem($"No queue or timer function is named '{function}'.", statusCode: StatusCodes.Status404NotFound);
        }

        CustomHandlerInvocation invocation;
        try
        {
            invocation = await CustomHandlerInvocation.ReadAsync(request.Body, definition.Trigger, cancellationToken);
        }
        catch (InvalidInvocationException e)
        {
            // The host treats this like any failure: it retries the message, then poisons it.
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var logger = loggers.CreateLogger(typeof(CustomHandler).FullName!);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["InvocationId"] = request.Headers[InvocationIdHeader].ToString(), ["Function"] = function, ["DequeueCount"] = invocation.DequeueCount,
        });
        try
        {
            await using var services = scopes.CreateAsyncScope();
            await (definition.Trigger switch
            {
                QueueTrigger queue => queue.Invoke(services.ServiceProvider, invocation.Message!, cancellationToken),
                TimerTrigger timer => timer.Invoke(services.ServiceProvider, cancellationToken),
                _ => throw new InvalidOperationException($"{function} is not a queue or timer function."),
            });
        }
        catch (PermanentMessageException e) when (definition.Trigger is QueueTrigger queue)
        {
            // Retrying cannot help: poison it now and answer 2xx, so the host deletes it instead of retrying it.
            LogRejected(logger, function, invocation.MessageId, LogText.Escape(e.Message), QueueNames.Poison(queue.QueueName));
            await queues.SendAsync(QueueNames.Poison(queue.QueueName), invocation.Message!, null, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, function, invocation.MessageId, invocation.DequeueCount);
            return TypedResults.Problem($"{function} failed; the host retries it.", statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.Ok(InvocationResult.Empty);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} can never succeed and moved to {PoisonQueue}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string function, string? messageId, string reason, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: invocation failed (message {MessageId}, attempt {DequeueCount}); the host retries it")]
    private static partial void LogFailed(ILogger logger, Exception error, string function, string? messageId, long? dequeueCount);
}

/// <summary>
/// The answer to an invocation. The host reads it as HttpScriptInvocationResult (names matched
/// case-insensitively); Sift's functions have no output bindings, so it is always empty.
/// </summary>
public sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResult Empty { get; } = new(new Dictionary<string, object>(), [], null);
}
