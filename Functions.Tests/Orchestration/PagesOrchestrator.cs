using System.Collections.Concurrent;
using Sift.Orchestration;

namespace Sift.Tests.Orchestration;

public sealed record PagesInput(int Pages, int FailuresPerPage = 0, bool GateFirstPage = false, bool DomainFailure = false);

public sealed record PagesState(int Page);

/// <summary>
/// A test orchestration: one step per page, each recording its side effect and a result document;
/// the last step sums the results. It can fail transiently, and can hold its first page until released.
/// </summary>
public sealed class PagesOrchestrator : IOrchestrator
{
    public const string OrchestrationName = "test-pages";

    public static OrchestratorRegistration Registration { get; } = new(OrchestrationName, "page", typeof(PagesOrchestrator));

    /// <summary>How often each (execution, page) step ran: more than once only after a crash or retry.</summary>
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstPageStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<StepResult> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        var input = context.Input<PagesInput>();
        var page = context.State<PagesState>()?.Page ?? 0;
        if (context.Step == "sum")
        {
            var results = await context.Results.ListAsync<int>(cancellationToken);
            return StepResult.Complete(new { Sum = results.Sum(), Pages = results.Count }, new OrchestrationProgress(input.Pages, input.Pages, "summed"));
        }

        var key = $"{context.Instance.ExecutionId}:{page}";
        Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (page == 0 && input.GateFirstPage)
        {
            FirstPageStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        if (Failures.AddOrUpdate(key, 1, (_, n) => n + 1) <= input.FailuresPerPage)
        {
            throw input.DomainFailure
                ? new Sift.Api.ConflictException($"The server refused page {page}.")
                : new InvalidOperationException($"transient failure on page {page}");
        }

        await context.Results.AddOnceAsync(OrchestrationResults.Key(page), page + 1, cancellationToken);
        var progress = new OrchestrationProgress(page + 1, input.Pages, $"page {page + 1}");
        return page + 1 < input.Pages ? StepResult.Next("page", new PagesState(page + 1), progress) : StepResult.Next("sum", null, progress);
    }
}
