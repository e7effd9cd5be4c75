using Sift.Analysis;
using Sift.Llm;
using Sift.Messages;
using Sift.Orchestration;

namespace Sift.Knowledge;

/// <summary>
/// The <c>analysis-run</c> orchestration: <c>SelectMessages</c> a page at a time, <c>BatchMessages</c>,
/// <c>ExtractBatch</c> (fan-out, a few batches per step) until every batch has its result,
/// <c>MergeAtoms</c> (fan-in), then <c>StoreAtoms</c> a chunk per step. Every step writes what it
/// found as result documents under its own keys (<see cref="OrchestrationResults.AddOnceAsync{T}"/>),
/// so a redone step keeps the first complete account and the instance document stays small.
/// </summary>
internal sealed partial class AnalysisRunOrchestrator(
    MessageStore messages, MessageAnalyzer analyzer, IModelPurposes purposes, KnowledgeStore knowledge, ILogger<AnalysisRunOrchestrator> logger)
    : IOrchestrator
{
    public const string Name = "analysis-run";
    public const string SelectMessages = "SelectMessages";
    private const string BatchMessages = "BatchMessages";
    private const string ExtractBatch = "ExtractBatch";
    private const string MergeAtoms = "MergeAtoms";
    private const string StoreAtoms = "StoreAtoms";
    private const int PageSize = 200;
    private const int ChunkSize = 100;

    public async Task<StepResult> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        var input = context.Input<AnalysisRunInput>();
        var state = context.State<AnalysisRunState>() ?? new AnalysisRunState();
        return context.Step switch
        {
            SelectMessages => await SelectAsync(context, input, state, cancellationToken),
            BatchMessages => await BatchAsync(context, input, state, cancellationToken),
            ExtractBatch => await ExtractAsync(context, input, state, cancellationToken),
            MergeAtoms => await MergeAsync(context, input, state, cancellationToken),
            StoreAtoms => await StoreAsync(context, input, state, cancellationToken),
            _ => StepResult.Fail($"The analysis run has no step '{context.Step}'.", context.Instance.Progress),
        };
    }

    private async Task<StepResult> SelectAsync(StepContext context, AnalysisRunInput input, AnalysisRunState state, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(PageSize, input.Limits.MaxMessages - state.Read);
        var page = await messages.ListAsync(new MessageFilter(input.ChatId, input.Since, input.Until), limit, state.Continuation, cancellationToken);
        var read = state.Read + page.Items.Count;
        var truncated = page.Continuation is not null && read >= input.Limits.MaxMessages;
        var analysed = await AnalysedAsync(page.Items, cancellationToken);
        await context.Results.AddOnceAsync(Key("select", state.Page), new RunRecord(Selected: MessageSelection.Select(state.Page, analysed, truncated)), cancellationToken);
        if (page.Continuation is not null && !truncated)
        {
            return StepResult.Next(SelectMessages, state with { Page = state.Page + 1, Continuation = page.Continuation, Read = read },
                new OrchestrationProgress(read, null, $"Read {read} messages of the window."));
        }

        var output = RunSummary.Of(input, await context.Results.ListAsync<RunRecord>(cancellationToken), "");
        if (output.SignalKept < input.Limits.MinSignalMessages)
        {
            var note = $"Only {output.SignalKept} of {read} messages in the window are signal; a run needs at least {input.Limits.MinSignalMessages} " +
                "(Analysis:MinSignalMessages), so nothing was extracted.";
            return StepResult.Complete(output with { Note = note }, new OrchestrationProgress(read, read, note));
        }

        return StepResult.Next(BatchMessages, state with { Read = read, Continuation = null },
            new OrchestrationProgress(read, read, $"Kept {output.SignalKept} signal messages of {read}."));
    }

    private static async Task<StepResult> BatchAsync(StepContext context, AnalysisRunInput input, AnalysisRunState state, CancellationToken cancellationToken)
    {
        var records = await context.Results.ListAsync<RunRecord>(cancellationToken);
        var selected = records.Select(r => r.Selected).OfType<SelectedPage>().OrderBy(p => p.Page).SelectMany(p => p.Kept);
        var batches = BatchPlanner.Plan(input.ChatId, selected, input.Limits.BatchTokenBudget);
        for (var i = 0; i < batches.Count; i++)
        {
            await context.Results.AddOnceAsync(Key("plan", i), new RunRecord(Plan: new PlannedBatch(i, batches[i])), cancellationToken);
        }

        return StepResult.Next(ExtractBatch, state with { Batches = batches.Count },
            new OrchestrationProgress(0, batches.Count, $"Planned {batches.Count} batches of at most {input.Limits.BatchTokenBudget} tokens."));
    }

    /// <summary>
    /// Fan-out: the extractor reads a few pending batches at once; a batch with a result is never
    /// sent again. Once the batches extracted have spent the run's token budget no more are sent
    /// (a wave in flight may pass it by what its batches cost). A batch the model cannot answer
    /// is recorded as failed: the run goes on (<c>collect</c>) or fails (<c>failFast</c>); a model
    /// that cannot be reached fails the step, which the runtime retries.
    /// </summary>
    private async Task<StepResult> ExtractAsync(StepContext context, AnalysisRunInput input, AnalysisRunState state, CancellationToken cancellationToken)
    {
        var records = await context.Results.ListAsync<RunRecord>(cancellationToken);
        var extracted = records.Select(r => r.Extracted).OfType<ExtractedBatch>().ToList();
        var done = extracted.Select(b => b.Index).ToHashSet();
        var spent = extracted.Sum(b => b.Tokens);
        var pending = spent >= input.Limits.TokenBudget ? [] : records.Select(r => r.Plan).OfType<PlannedBatch>().Where(p => !done.Contains(p.Index)).OrderBy(p => p.Index)
            .Take(input.Limits.ConcurrentBatches).ToList();
        var extractor = await purposes.ExtractorAsync(cancellationToken);
        var results = await Task.WhenAll(pending.Select(async plan =>
        {
            var result = await ExtractOneAsync(extractor, plan, context.Instance.InstanceId, cancellationToken);
            await context.Results.AddOnceAsync(Key("batch", plan.Index), new RunRecord(Extracted: result), cancellationToken);
            return result;
        }));

        if (input.Limits.ErrorPolicy == ErrorPolicy.FailFast && results.FirstOrDefault(r => r.Failure is not null) is { } failed)
        {
            var reason = $"Batch {failed.Index} could not be extracted: {failed.Failure}";
            return StepResult.Fail(reason, context.Instance.Progress, RunSummary.Of(input, await context.Results.ListAsync<RunRecord>(cancellationToken), reason));
        }

        var count = done.Count + pending.Count;
        var stopped = pending.Count == 0 && count < state.Batches;
        var note = stopped
            ? $"Stopped after {count} of {state.Batches} batches: the run's token budget of {input.Limits.TokenBudget} is spent."
            : $"Extracted {count} of {state.Batches} batches.";
        return StepResult.Next(!stopped && count < state.Batches ? ExtractBatch : MergeAtoms, state, new OrchestrationProgress(count, state.Batches, note));
    }

    private static async Task<ExtractedBatch> ExtractOneAsync(IKnowledgeExtractor extractor, PlannedBatch plan, string runId, CancellationToken cancellationToken)
    {
        try
        {
            var extraction = await extractor.ExtractAsync(plan.Batch with { RunId = runId }, cancellationToken);
            return new ExtractedBatch(plan.Index, extraction.Atoms.Select(a => Candidates.From(a, plan.Batch)).OfType<CandidateAtom>().ToList(), extraction.Tokens);
        }
        catch (ModelOutputException e)
        {
            return new ExtractedBatch(plan.Index, [], e.Usage.Total, e.Message);
        }
    }

    private static async Task<StepResult> MergeAsync(StepContext context, AnalysisRunInput input, AnalysisRunState state, CancellationToken cancellationToken)
    {
        var records = await context.Results.ListAsync<RunRecord>(cancellationToken);
        var candidates = records.Select(r => r.Extracted).OfType<ExtractedBatch>().OrderBy(b => b.Index).SelectMany(b => b.Atoms).ToList();
        var chunks = AtomMerger.Merge(input.ChatId, candidates).Chunk(ChunkSize).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await context.Results.AddOnceAsync(Key("merged", i), new RunRecord(Merged: new MergedChunk(i, chunks[i])), cancellationToken);
        }

        var atoms = chunks.Sum(c => c.Length);
        return StepResult.Next(StoreAtoms, state with { Chunks = chunks.Count, Chunk = 0 },
            new OrchestrationProgress(0, atoms, $"{atoms} atoms from {candidates.Count} extracted in {state.Batches} batches."));
    }

    private async Task<StepResult> StoreAsync(StepContext context, AnalysisRunInput input, AnalysisRunState state, CancellationToken cancellationToken)
    {
        var records = await context.Results.ListAsync<RunRecord>(cancellationToken);
        var merged = records.Select(r => r.Merged).OfType<MergedChunk>().ToList();
        var atoms = merged.Sum(c => c.Atoms.Count);
        if (merged.SingleOrDefault(c => c.Index == state.Chunk) is { } chunk)
        {
            var created = await knowledge.SaveAsync(input.ChatId, context.Instance.InstanceId, chunk.Atoms, cancellationToken);
            await context.Results.AddOnceAsync(Key("stored", chunk.Index), new RunRecord(Stored: new StoredChunk(chunk.Index, chunk.Atoms.Count, created)), cancellationToken);
            var stored = (state.Chunk * ChunkSize) + chunk.Atoms.Count;
            if (state.Chunk + 1 < state.Chunks)
            {
                return StepResult.Next(StoreAtoms, state with { Chunk = state.Chunk + 1 }, new OrchestrationProgress(stored, atoms, $"Stored {stored} of {atoms} atoms."));
            }

            records = await context.Results.ListAsync<RunRecord>(cancellationToken);
        }

        var output = RunSummary.Of(input, records, "");
        var note = $"Done: {output.Atoms} atoms ({output.ProposalsCreated} new proposals) from {output.SignalKept} signal messages in {output.Batches} batches."
            + (output.BudgetExhausted ? $" Only {output.BatchesExtracted} were extracted: the token budget of {output.TokenBudget} was spent." : "")
            + (output.FailedBatches is { Count: > 0 } failed ? $" {failed.Count} could not be extracted (failedBatches)." : "");
        LogDone(logger, context.Instance.InstanceId, input.ChatId, output.Atoms, output.SignalKept, output.Batches);
        return StepResult.Complete(output with { Note = note }, new OrchestrationProgress(atoms, atoms, note));
    }

    private static string Key(string phase, int index) => $"{phase}-{OrchestrationResults.Key(index)}";

    /// <summary>A message the analysis queue has not reached yet (just ingested, or edited) is analysed here, through the one analysis path.</summary>
    private async Task<List<MessageDocument>> AnalysedAsync(IReadOnlyList<MessageDocument> page, CancellationToken cancellationToken)
    {
        var analysed = new List<MessageDocument>(page.Count);
        foreach (var message in page)
        {
            analysed.Add(message.Analysis is null && !string.IsNullOrWhiteSpace(message.Text)
                ? message with { Analysis = (await analyzer.AnalyzeAsync(message, cancellationToken)).Analysis }
                : message);
        }

        return analysed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis run {InstanceId} of chat {ChatId}: {Atoms} atoms from {Signal} signal messages in {Batches} batches")]
    private static partial void LogDone(ILogger logger, string instanceId, ChatKey chatId, int atoms, long signal, int batches);
}
