using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Sift.Orchestration;

namespace Sift.Knowledge;

/// <summary>One activity's part of a run: the run, where its records are, and which unit (page, batch or chunk).</summary>
public sealed record RunUnit(AnalysisRunInput Input, string Run, int Index = 0, string? Continuation = null, long Read = 0);

/// <summary>What selecting a page read: how far the window is read, and where the next page begins (null: done).</summary>
public sealed record SelectedUnit(long Read, string? Continuation);

/// <summary>What extracting a batch spent, and why it failed when the model could not answer it.</summary>
public sealed record ExtractedUnit(int Index, long Tokens, string? Failure);

/// <summary>
/// The <c>analysis-run</c> orchestration: <see cref="SelectMessages"/> a page at a time, <see cref="PlanBatches"/>,
/// <see cref="ExtractBatch"/> fanned out a few batches at a time and fanned in until every batch has its result or
/// the token budget is spent, <see cref="MergeAtoms"/>, then <see cref="StoreAtoms"/> a chunk at a time and
/// <see cref="SummarizeRun"/>. The activities keep what they find in <see cref="RunRecords"/> (each under its own
/// key, the first complete account standing, so an activity run again after a crash counts nothing twice); the
/// orchestrator sees only counts, and shows progress as its custom status.
/// </summary>
internal sealed class AnalysisRunOrchestrator(IOptions<OrchestrationOptions> options) : TaskOrchestrator<AnalysisRunInput, AnalysisRunOutput>
{
    public const string Name = "analysis-run";

    public override async Task<AnalysisRunOutput> RunAsync(TaskOrchestrationContext context, AnalysisRunInput input)
    {
        var retries = options.Value.Retries();
        var run = context.NewGuid().ToString("N");
        var unit = new RunUnit(input, run);
        SelectedUnit selected;
        do
        {
            selected = await Activity.CallAsync<SelectedUnit>(context, nameof(SelectMessages), unit, $"Reading page {unit.Index + 1} of the window", retries);
            unit = unit with { Index = unit.Index + 1, Continuation = selected.Continuation, Read = selected.Read };
            context.SetCustomStatus(new OrchestrationProgress(selected.Read, null, $"Read {selected.Read} messages of the window."));
        }
        while (selected.Continuation is not null);

        var selection = await Activity.CallAsync<AnalysisRunOutput>(context, nameof(SummarizeRun), new RunUnit(input, run), "Counting the signal messages", retries);
        if (selection.SignalKept < input.Limits.MinSignalMessages)
        {
            var note = $"Only {selection.SignalKept} of {selected.Read} messages in the window are signal; a run needs at least {input.Limits.MinSignalMessages} " +
                "(Analysis:MinSignalMessages), so nothing was extracted.";
            return await FinishAsync(context, new RunUnit(input, run), note, selected.Read, selected.Read, retries);
        }

        var batches = await Activity.CallAsync<int>(context, nameof(PlanBatches), new RunUnit(input, run), "Planning the batches", retries);
        context.SetCustomStatus(new OrchestrationProgress(0, batches, $"Planned {batches} batches of at most {input.Limits.BatchTokenBudget} tokens."));
        await ExtractAsync(context, input, run, batches, retries);

        var merged = await Activity.CallAsync<MergedUnit>(context, nameof(MergeAtoms), new RunUnit(input, run), "Merging the atoms", retries);
        context.SetCustomStatus(new OrchestrationProgress(0, merged.Atoms, $"{merged.Atoms} atoms from {merged.Candidates} extracted in {batches} batches."));
        var stored = 0;
        for (var chunk = 0; chunk < merged.Chunks; chunk++)
        {
            stored += await Activity.CallAsync<int>(context, nameof(StoreAtoms), new RunUnit(input, run, chunk), $"Storing atoms (chunk {chunk + 1})", retries);
            context.SetCustomStatus(new OrchestrationProgress(stored, merged.Atoms, $"Stored {stored} of {merged.Atoms} atoms."));
        }

        return await FinishAsync(context, new RunUnit(input, run), null, merged.Atoms, merged.Atoms, retries);
    }

    /// <summary>
    /// Fan-out and fan-in: a wave of at most <c>ConcurrentBatches</c> batches at once; a batch with a result is never
    /// sent again. Once the batches extracted have spent the run's token budget no more are sent (a wave in flight
    /// may pass it by what its batches cost). A batch the model cannot answer is recorded as failed: the run goes on
    /// (<c>collect</c>) or fails (<c>failFast</c>); a model that cannot be reached fails the activity, which is retried.
    /// </summary>
    private static async Task ExtractAsync(TaskOrchestrationContext context, AnalysisRunInput input, string run, int batches, TaskOptions retries)
    {
        var (next, spent) = (0, 0L);
        while (next < batches && spent < input.Limits.TokenBudget)
        {
            var wave = Enumerable.Range(next, Math.Min(input.Limits.ConcurrentBatches, batches - next))
                .Select(index => Activity.CallAsync<ExtractedUnit>(context, nameof(ExtractBatch), new RunUnit(input, run, index), $"Extracting batch {index}", retries));
            var results = await Task.WhenAll(wave);
            next += results.Length;
            spent += results.Sum(r => r.Tokens);
            if (input.Limits.ErrorPolicy == ErrorPolicy.FailFast && results.FirstOrDefault(r => r.Failure is not null) is { } failed)
            {
                throw new RunFailedException($"Batch {failed.Index} could not be extracted: {failed.Failure}");
            }

            context.SetCustomStatus(new OrchestrationProgress(next, batches, next < batches && spent >= input.Limits.TokenBudget
                ? $"Stopped after {next} of {batches} batches: the run's token budget of {input.Limits.TokenBudget} is spent."
                : $"Extracted {next} of {batches} batches."));
        }
    }

    /// <param name="tooFew">Why nothing was extracted, when the window had too few signal messages.</param>
    private static async Task<AnalysisRunOutput> FinishAsync(TaskOrchestrationContext context, RunUnit unit, string? tooFew, long done, long total, TaskOptions retries)
    {
        var output = await Activity.CallAsync<AnalysisRunOutput>(context, nameof(SummarizeRun), unit, "Summarizing the run", retries);
        var note = tooFew
            ?? $"Done: {output.Atoms} atoms ({output.ProposalsCreated} new proposals) from {output.SignalKept} signal messages in {output.Batches} batches."
                + (output.BudgetExhausted ? $" Only {output.BatchesExtracted} were extracted: the token budget of {output.TokenBudget} was spent." : "")
                + (output.FailedBatches is { Count: > 0 } failed ? $" {failed.Count} could not be extracted (failedBatches)." : "");
        await Activity.CallAsync<int>(context, nameof(ForgetRun), unit, "Deleting the run's working records", retries);
        context.SetCustomStatus(new OrchestrationProgress(done, total, note));
        return output with { Note = note };
    }
}
