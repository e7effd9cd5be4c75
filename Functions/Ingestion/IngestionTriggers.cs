using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Ingestion;

/// <summary>Ingestion's functions that are not HTTP: the schedule that starts polled sources, and the orchestration of a source's run.</summary>
public sealed class IngestionTriggers(IServiceProvider services)
{
    [Function(nameof(ScheduledIngestion))]
    public Task ScheduledIngestion([TimerTrigger("%Ingestion:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<ScheduledIngestion>(services, cancellationToken);

    [Function(SourceRegistry.Orchestration)]
    public Task<object?> Ingest([OrchestrationTrigger] TaskOrchestrationContext context) => DurableFunctions.OrchestrateAsync<IngestionOrchestrator>(services, context);

    [Function(nameof(BeginIngestion))]
    public Task<object?> BeginIngestion([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<BeginIngestion>(context, input);

    [Function(nameof(ReadSourcePage))]
    public Task<object?> ReadSourcePage([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<ReadSourcePage>(context, input);

    [Function(nameof(FinishIngestion))]
    public Task<object?> FinishIngestion([ActivityTrigger] JsonElement? input, FunctionContext context) => DurableFunctions.RunAsync<FinishIngestion>(context, input);
}
