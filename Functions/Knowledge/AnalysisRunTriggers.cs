using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sift.Orchestration;

namespace Sift.Knowledge;

/// <summary>A knowledge run's orchestration and its activities.</summary>
public sealed class AnalysisRunTriggers(IServiceProvider services)
{
    [Function(AnalysisRunOrchestrator.Name)]
    public Task<object?> Run([OrchestrationTrigger] TaskOrchestrationContext context) => DurableFunctions.OrchestrateAsync<AnalysisRunOrchestrator>(services, context);

    [Function(nameof(SelectMessages))]
    public Task<object?> SelectMessages([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<SelectMessages>(context, input);

    [Function(nameof(PlanBatches))]
    public Task<object?> PlanBatches([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<PlanBatches>(context, input);

    [Function(nameof(ExtractBatch))]
    public Task<object?> ExtractBatch([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<ExtractBatch>(context, input);

    [Function(nameof(MergeAtoms))]
    public Task<object?> MergeAtoms([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<MergeAtoms>(context, input);

    [Function(nameof(StoreAtoms))]
    public Task<object?> StoreAtoms([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<StoreAtoms>(context, input);

    [Function(nameof(SummarizeRun))]
    public Task<object?> SummarizeRun([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<SummarizeRun>(context, input);

    [Function(nameof(ForgetRun))]
    public Task<object?> ForgetRun([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<ForgetRun>(context, input);
}
