using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Sift.Hosting;

/// <summary>The methods behind functions, by entry point (<c>Namespace.Class.Method</c>, as functions.metadata names them).</summary>
public static class FunctionMethods
{
    private static readonly ConcurrentDictionary<string, MethodInfo> Methods = new(StringComparer.Ordinal);

    /// <summary>The HTTP functions' routes and methods (lower case), from their <see cref="HttpTriggerAttribute"/>s.</summary>
    public static IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> HttpRoutes { get; } =
    [
        .. typeof(FunctionMethods).Assembly.GetTypes().Where(t => t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(FunctionAttribute)))
            .Select(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null))
            .OfType<HttpTriggerAttribute>()
            .Where(t => t.Route is not null)
            .Select(t => (t.Route!, (IReadOnlyList<string>)[.. (t.Methods ?? []).Select(m => m.ToLowerInvariant())])),
    ];

    /// <summary>The queue functions, by the queue each reads, from their <see cref="QueueTriggerAttribute"/>s.</summary>
    public static IReadOnlyList<(string Function, string Queue)> Queues { get; } =
    [
        .. typeof(FunctionMethods).Assembly.GetTypes().Where(t => t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name, Queue: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName).FirstOrDefault(q => q is not null)))
            .Where(f => f.Function is not null && f.Queue is not null)
            .Select(f => (f.Function!, f.Queue!))
            .OrderBy(f => f.Item2, StringComparer.Ordinal),
    ];

    public static MethodInfo Of(string entryPoint) => Methods.GetOrAdd(entryPoint, static entryPoint =>
    {
        var dot = entryPoint.LastIndexOf('.');
        var name = entryPoint[..Math.Max(dot, 0)];
        var type = typeof(FunctionMethods).Assembly.GetType(name) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"No class is named by the entry point '{entryPoint}'.");
        return type.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            ?? throw new InvalidOperationException($"{type.Name} has no public method named by the entry point '{entryPoint}'.");
    });
}
