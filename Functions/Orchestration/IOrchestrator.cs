using Sift.Storage;
using System.Text.Json;
using Sift.Api;

namespace Sift.Orchestration;

/// <summary>
/// An orchestration: named steps, each run by the worker as one queue message. A step does its
/// side effects idempotently (it may run more than once) and returns what comes next; the runtime
/// commits that with the instance's ETag and then schedules the next step.
/// </summary>
public interface IOrchestrator
{
    /// <summary>Throw for a transient failure (retried with backoff); return <see cref="StepResult.Fail"/> for a permanent one.</summary>
    Task<StepResult> RunStepAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>An orchestration the runtime knows: its name, where it starts and the type that runs its steps.</summary>
public sealed record OrchestratorRegistration(string Name, string FirstStep, Type Type);

public static class OrchestratorRegistrationExtensions
{
    public static IServiceCollection AddOrchestrator<T>(this IServiceCollection services, string name, string firstStep) where T : class, IOrchestrator
    {
        services.AddScoped<T>();
        return services.AddSingleton(new OrchestratorRegistration(name, firstStep, typeof(T)));
    }
}

public sealed record StepContext(OrchestrationInstance Instance, OrchestrationResults Results)
{
    public string Step => Instance.Step;

    public T Input<T>() => Instance.Input is { } input ? input.Deserialize<T>(SiftJson.Options)! : throw new InvalidOperationException("The orchestration has no input.");

    public T? State<T>() => Instance.State is { } state ? state.Deserialize<T>(SiftJson.Options) : default;
}

public abstract record StepResult(OrchestrationProgress Progress)
{
    public static StepResult Next(string step, object? state, OrchestrationProgress progress) => new NextStep(step, Json(state), progress);

    public static StepResult Complete(object? output, OrchestrationProgress progress) => new Completed(Json(output), progress);

    public static StepResult Fail(string error, OrchestrationProgress progress, object? output = null) => new Failed(error, Json(output), progress);

    private static JsonElement? Json(object? value) => value is null ? null : JsonSerializer.SerializeToElement(value, SiftJson.Options);

    public sealed record NextStep(string Step, JsonElement? State, OrchestrationProgress Progress) : StepResult(Progress);

    public sealed record Completed(JsonElement? Output, OrchestrationProgress Progress) : StepResult(Progress);

    public sealed record Failed(string Error, JsonElement? Output, OrchestrationProgress Progress) : StepResult(Progress);
}
