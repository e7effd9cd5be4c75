using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// The bodies of the hand-written <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> functions: each runs the
/// <see cref="TaskOrchestrator{TInput, TOutput}"/> or <see cref="TaskActivity{TInput, TOutput}"/> class the standalone host
/// registers under the same name, so one class runs under both hosts. Inputs arrive as JSON and are read into the class's
/// own input type (those types are internal, which a function's public signature cannot name).
/// </summary>
public static class DurableFunctions
{
    internal static Task<object?> OrchestrateAsync<T>(IServiceProvider services, TaskOrchestrationContext context) where T : ITaskOrchestrator
    {
        var orchestrator = ActivatorUtilities.CreateInstance<T>(services);
        return orchestrator.RunAsync(context, Read(context.GetInput<JsonElement?>(), orchestrator.InputType));
    }

    internal static Task<object?> RunAsync<T>(FunctionContext context, JsonElement? input) where T : ITaskActivity
    {
        var activity = ActivatorUtilities.CreateInstance<T>(context.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(context), Read(input, activity.InputType));
    }

    private static object? Read(JsonElement? input, Type type) =>
        input is { ValueKind: not JsonValueKind.Null } json ? json.Deserialize(type, SiftJson.Options) : null;

    /// <summary>The activity's name and its orchestration's instance id, as the Durable extension binds them.</summary>
    private sealed class FunctionActivityContext(FunctionContext context) : TaskActivityContext
    {
        public override TaskName Name => context.FunctionDefinition.Name;

        public override string InstanceId => context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
    }
}
