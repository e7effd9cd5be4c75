using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Sift.Hosting;

/// <summary>The methods behind functions, by entry point (<c>Namespace.Class.Method</c>, as functions.metadata names them).</summary>
public static class FunctionMethods
{
    private static readonly ConcurrentDictionary<string, MethodInfo> Methods = new(StringComparer.Ordinal);

    /// <summary>Every function's name and trigger attribute (the parameter attribute whose name ends in Trigger).</summary>
    private static readonly List<(string Function, Attribute Trigger)> Triggers =
    [
        .. from type in typeof(FunctionMethods).Assembly.GetTypes()
           where type.IsPublic
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           from parameter in method.GetParameters()
           from trigger in parameter.GetCustomAttributes()
           where trigger.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)
           select (function.Name, trigger),
    ];

    /// <summary>The HTTP functions' routes and methods (lower case), from their <see cref="HttpTriggerAttribute"/>s.</summary>
    public static IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> HttpRoutes { get; } =
    [
        .. Triggers.Select(f => f.Trigger).OfType<HttpTriggerAttribute>().Where(t => t.Route is not null)
            .Select(t => (t.Route!, (IReadOnlyList<string>)[.. (t.Methods ?? []).Select(m => m.ToLowerInvariant())])),
    ];

    /// <summary>The queue functions, by the queue each reads, from their <see cref="QueueTriggerAttribute"/>s.</summary>
    public static IReadOnlyList<(string Function, string Queue)> Queues { get; } =
    [
        .. Triggers.Where(f => f.Trigger is QueueTriggerAttribute).Select(f => (f.Function, ((QueueTriggerAttribute)f.Trigger).QueueName))
            .OrderBy(f => f.QueueName, StringComparer.Ordinal),
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
