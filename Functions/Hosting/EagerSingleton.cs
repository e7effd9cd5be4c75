namespace Sift.Hosting;

/// <summary>
/// Resolves a singleton while the host starts, so what it opens or validates (a database file,
/// a key) happens at start-up and fails there, not on the first request.
/// </summary>
internal sealed class EagerSingleton<T>(T instance) : IHostedService where T : notnull
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(instance);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class EagerSingletonExtensions
{
    public static IServiceCollection AddEagerSingleton<T>(this IServiceCollection services) where T : class =>
        services.AddHostedService<EagerSingleton<T>>();
}
