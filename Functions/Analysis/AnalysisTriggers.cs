using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Analysis;

/// <summary>Analysis's functions that are not HTTP: a message's analysis from its queue, and reanalysis as an orchestration.</summary>
public sealed class AnalysisTriggers(IServiceProvider services)
{
    [Function(nameof(AnalyzeMessage))]
    public Task AnalyzeMessage([QueueTrigger(AnalyzeMessageRequest.Queue, Connection = QueueFunction.Connection)] string message, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<AnalyzeMessage, AnalyzeMessageRequest>(services, AnalyzeMessageRequest.Queue, message, cancellationToken);

    [Function(Reanalysis.Name)]
    public Task<object?> Reanalyze([OrchestrationTrigger] TaskOrchestrationContext context) => DurableFunctions.OrchestrateAsync<Reanalysis>(services, context);

    [Function(nameof(CountMessages))]
    public Task<object?> CountMessages([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<CountMessages>(context, input);

    [Function(nameof(ReanalyzePage))]
    public Task<object?> ReanalyzePage([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<ReanalyzePage>(context, input);
}
