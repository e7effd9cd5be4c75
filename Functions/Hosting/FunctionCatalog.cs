using System.Text.Json;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>
/// The function catalog: the single source of truth for what Sift's triggers are. The standalone
/// runner drives the queue and timer functions from it; in Azure the Functions host does, from
/// function.json files generated from the same entries.
/// </summary>
public sealed record FunctionDefinition(string Name, FunctionTrigger Trigger);

public abstract record FunctionTrigger;

/// <summary>An HTTP function the host forwards to our server as the raw request; <paramref name="Methods"/> in lower case, as function.json lists them.</summary>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods) : FunctionTrigger;

/// <summary>A queue function; <see cref="Invoke"/> deserializes the message and runs its handler in a fresh scope.</summary>
public sealed record QueueTrigger(string QueueName, Func<IServiceProvider, string, CancellationToken, Task> Invoke) : FunctionTrigger;

/// <summary>A timer function; the schedule is NCRONTAB, read from a setting.</summary>
public sealed record TimerTrigger(string ScheduleSetting, string DefaultSchedule, Func<IServiceProvider, CancellationToken, Task> Invoke) : FunctionTrigger;

/// <summary>A timer handler runs once per occurrence of its schedule; Azure holds a lock so one instance fires at a time.</summary>
public interface ITimerHandler
{
    Task HandleAsync(CancellationToken cancellationToken);
}

/// <summary>A queue handler is called by the standalone runner and by the custom-handler endpoint alike.</summary>
public interface IQueueHandler<in TMessage>
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}

public static class FunctionCatalogExtensions
{
    public static IServiceCollection AddHttpFunction(this IServiceCollection services, string name, string route, params string[] methods) =>
        services.AddSingleton(new FunctionDefinition(name, new HttpTrigger(route, [.. methods.Select(m => m.ToLowerInvariant())])));

    public static IServiceCollection AddQueueFunction<THandler, TMessage>(this IServiceCollection services, string name, string queueName)
        where THandler : class, IQueueHandler<TMessage>
    {
        services.AddScoped<THandler>();
        return services.AddSingleton(new FunctionDefinition(name, new QueueTrigger(queueName, async (provider, body, cancellationToken) =>
        {
            using var activity = Telemetry.Source.StartActivity(name, System.Diagnostics.ActivityKind.Consumer)?.SetTag("messaging.destination.name", queueName);
            await provider.GetRequiredService<THandler>().HandleAsync(Read<TMessage>(queueName, body), cancellationToken);
        })));
    }

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

    /// <summary>
    /// A timer function: its NCRONTAB schedule is read from the setting <paramref name="scheduleSetting"/>
    /// (default <paramref name="defaultSchedule"/>), as the Functions host reads <c>%Setting%</c> schedules.
    /// </summary>
    public static IServiceCollection AddTimerFunction<THandler>(this IServiceCollection services, string name, string scheduleSetting, string defaultSchedule)
        where THandler : class, ITimerHandler
    {
        services.AddScoped<THandler>();
        return services.AddSingleton(new FunctionDefinition(name, new TimerTrigger(scheduleSetting, defaultSchedule,
            (provider, cancellationToken) => provider.GetRequiredService<THandler>().HandleAsync(cancellationToken))));
    }

    /// <summary>Sends a message in the format queue functions read (JSON, in Sift's conventions).</summary>
    public static Task SendJsonAsync<T>(this IQueueClient queues, string queue, T message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        queues.SendAsync(queue, JsonSerializer.Serialize(message, SiftJson.Options), delay, cancellationToken);
}
