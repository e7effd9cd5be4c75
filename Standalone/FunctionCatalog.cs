using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sift.Orchestration;

namespace Sift.Hosting;

/// <summary>
/// The functions as the Functions host sees them: <c>functions.metadata</c>, which the worker SDK writes from the
/// <c>[Function]</c> methods into Functions' build output (and so into this host's). This host serves and triggers the
/// functions it lists, as the Functions host would.
/// </summary>
public sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<FunctionBinding> Bindings)
{
    public MethodInfo Method => FunctionMethods.Of(EntryPoint);

    public FunctionBinding Trigger => Bindings.First(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The function binds a Durable client (<c>[DurableClient]</c>), so it may start and read orchestrations.</summary>
    public bool BindsDurableClient => Bindings.Any(b => b.Type == "durableClient");
}

/// <summary>A binding of functions.metadata; which properties it has depends on its type.</summary>
public sealed record FunctionBinding(
    string Name, string Type, string Direction, string? Route, IReadOnlyList<string>? Methods, string? QueueName, string? Connection, string? Schedule)
{
    /// <summary>A timer's schedule setting: <c>%Ingestion:Schedule%</c> names <c>Ingestion:Schedule</c>.</summary>
    public string ScheduleSetting => Schedule is ['%', .. var setting, '%'] ? setting
        : throw new InvalidOperationException($"The schedule '{Schedule}' does not name a setting (%Setting%).");
}

public static class FunctionCatalog
{
    public const string FileName = "functions.metadata";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static IReadOnlyList<FunctionEntry> Load(string path) =>
        JsonSerializer.Deserialize<List<FunctionEntry>>(File.ReadAllText(path), Json)
        ?? throw new InvalidOperationException($"{path} lists no functions.");

    /// <summary>Functions' own metadata, beside this host's assemblies.</summary>
    public static IServiceCollection AddFunctionCatalog(this IServiceCollection services) =>
        services.AddSingleton<IReadOnlyList<FunctionEntry>>(_ => Load(Path.Combine(AppContext.BaseDirectory, FileName)));

    /// <summary>
    /// Runs a queue or timer function in a new scope: an instance of its class made from the scope's services, its
    /// trigger parameter given <paramref name="trigger"/> (the message's text; a timer's <see cref="TimerInfo"/>), a
    /// Durable client parameter the client, and the cancellation token.
    /// </summary>
    public static async Task InvokeAsync(this FunctionEntry function, IServiceScopeFactory scopes, object trigger, CancellationToken cancellationToken)
    {
        var method = function.Method;
        await using var scope = scopes.CreateAsyncScope();
        var instance = method.IsStatic ? null : Factories.GetOrAdd(method.DeclaringType!, type => ActivatorUtilities.CreateFactory(type, []))(scope.ServiceProvider, null);
        if (function.BindsDurableClient)
        {
            scope.ServiceProvider.UseDurableClient();
        }

        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(DurableTaskClient) => scope.ServiceProvider.GetRequiredService<DurableTaskClient>(),
            var t when t.IsInstanceOfType(trigger) => trigger,
            _ => throw new InvalidOperationException($"{function.Name}: this host cannot bind parameter '{p.Name}' ({p.ParameterType.Name})."),
        }).ToArray();
        await (Task)method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
    }

    /// <summary>What this host does for a function that binds a Durable client: the client, for the rest of the invocation.</summary>
    public static void UseDurableClient(this IServiceProvider services) =>
        services.GetRequiredService<DurableClientAccessor>().Use(services.GetRequiredService<DurableTaskClient>());
}
