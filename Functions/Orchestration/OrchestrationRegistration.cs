using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Sift.Orchestration;

/// <summary>An orchestration Sift runs: its name, the prefix of its instance ids (lists by name use it) and its class.</summary>
public sealed record OrchestrationRegistration(string Name, string IdPrefix, Type Type);

public static class OrchestrationRegistrationExtensions
{
    /// <summary>Registers a <see cref="TaskOrchestrator{TInput, TOutput}"/> under <paramref name="name"/>; its instance ids start with <paramref name="idPrefix"/>.</summary>
    public static IServiceCollection AddOrchestrator<T>(this IServiceCollection services, string name, string idPrefix) where T : class, ITaskOrchestrator
    {
        // The SDK makes orchestrators without the container; they take only settings (nothing that does I/O) from it.
        services.AddOptions<DurableTaskRegistry>().Configure<IServiceProvider>((registry, provider) =>
            registry.AddOrchestrator(name, () => ActivatorUtilities.CreateInstance<T>(provider)));
        return services.AddSingleton(new OrchestrationRegistration(name, idPrefix, typeof(T)));
    }

    /// <summary>Registers a <see cref="TaskActivity{TInput, TOutput}"/> under its class name.</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services) where T : class, ITaskActivity =>
        services.Configure<DurableTaskRegistry>(registry => registry.AddActivity<T>(typeof(T).Name));
}
