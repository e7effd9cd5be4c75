using System.Text.Json;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>A queue function's work: one message, idempotent, safe to run beside itself.</summary>
public interface IQueueHandler<in TMessage>
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>A timer function's work: once per occurrence of its schedule; one instance fires at a time.</summary>
public interface ITimerHandler
{
    Task HandleAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What queue and timer functions share. A queue function takes the message as text and reads it here, so a body
/// that is not its message is a <see cref="PermanentMessageException"/> (poisoned at once, not retried).
/// </summary>
public static class QueueFunction
{
    /// <summary>The connection queue triggers read: host storage (identity-based settings <c>AzureWebJobsStorage__*</c>).</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Reads <paramref name="body"/> and runs <typeparamref name="THandler"/> on it, made from the invocation's services.</summary>
    internal static Task RunAsync<THandler, TMessage>(IServiceProvider services, string queueName, string body, CancellationToken cancellationToken)
        where THandler : IQueueHandler<TMessage>
    {
        using var activity = Telemetry.Source.StartActivity(typeof(THandler).Name, System.Diagnostics.ActivityKind.Consumer)?.SetTag("messaging.destination.name", queueName);
        return Made<THandler>.By(services).HandleAsync(Read<TMessage>(queueName, body), cancellationToken);
    }

    /// <summary>Runs <typeparamref name="THandler"/>, made from the invocation's services.</summary>
    internal static Task RunAsync<THandler>(IServiceProvider services, CancellationToken cancellationToken) where THandler : ITimerHandler =>
        Made<THandler>.By(services).HandleAsync(cancellationToken);

    /// <summary>Sends a message in the format queue functions read (JSON, in Sift's conventions).</summary>
    public static Task SendJsonAsync<T>(this IQueueClient queues, string queue, T message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        queues.SendAsync(queue, JsonSerializer.Serialize(message, SiftJson.Options), delay, cancellationToken);

    /// <summary>A body that does not deserialize never will: it is permanent, not retried.</summary>
    private static TMessage Read<TMessage>(string queueName, string body)
    {
        try
        {
            return JsonSerializer.Deserialize<TMessage>(body, SiftJson.Options)
                ?? throw new PermanentMessageException($"The message on '{queueName}' is empty.");
        }
        catch (JsonException e)
        {
            throw new PermanentMessageException($"The message on '{queueName}' is not a {typeof(TMessage).Name}: {e.Message}", e);
        }
    }

    /// <summary>A handler's constructor, looked up once: a queue function runs once a message.</summary>
    private static class Made<T>
    {
        private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(T), []);

        public static T By(IServiceProvider services) => (T)Factory(services, null);
    }
}
