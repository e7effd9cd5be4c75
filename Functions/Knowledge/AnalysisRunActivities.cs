using Microsoft.DurableTask;
using Sift.Analysis;
using Sift.Llm;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>What merging found: how many chunks of atoms to store, and how many atoms from how many candidates.</summary>
public sealed record MergedUnit(int Chunks, int Atoms, int Candidates);

/// <summary>Reads one page of the window and keeps its signal messages; a message the analysis queue has not reached yet is analysed here, through the one analysis path.</summary>
internal sealed class SelectMessages(IDocumentStore store, MessageStore messages, MessageAnalyzer analyzer) : TaskActivity<RunUnit, SelectedUnit>
{
    private const int PageSize = 200;

    public override async Task<SelectedUnit> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        var input = unit.Input;
        var limit = (int)Math.Min(PageSize, input.Limits.MaxMessages - unit.Read);
        var page = await messages.ListAsync(new MessageFilter(input.ChatId, input.Since, input.Until), limit, unit.Continuation, CancellationToken.None);
        var read = unit.Read + page.Items.Count;
        var truncated = page.Continuation is not null && read >= input.Limits.MaxMessages;
        var analysed = new List<MessageDocument>(page.Items.Count);
        foreach (var message in page.Items)
        {
            analysed.Add(message.Analysis is null && !string.IsNullOrWhiteSpace(message.Text)
                ? message with { Analysis = (await analyzer.AnalyzeAsync(message, CancellationToken.None)).Analysis }
                : message);
        }

        await Records(store, context, unit).AddOnceAsync(RunKeys.Of("select", unit.Index),
            new RunRecord(Selected: MessageSelection.Select(unit.Index, analysed, truncated)), CancellationToken.None);
        return new SelectedUnit(read, truncated ? null : page.Continuation);
    }

    internal static RunRecords Records(IDocumentStore store, TaskActivityContext context, RunUnit unit) => new(store, context.InstanceId, unit.Run);
}

/// <summary>Plans the batches of the kept messages under the batch token budget.</summary>
internal sealed class PlanBatches(IDocumentStore store) : TaskActivity<RunUnit, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        var records = SelectMessages.Records(store, context, unit);
        var selected = (await records.ListAsync<RunRecord>(CancellationToken.None)).Select(r => r.Selected).OfType<SelectedPage>().OrderBy(p => p.Page).SelectMany(p => p.Kept);
        var batches = BatchPlanner.Plan(unit.Input.ChatId, selected, unit.Input.Limits.BatchTokenBudget);
        for (var i = 0; i < batches.Count; i++)
        {
            await records.AddOnceAsync(RunKeys.Of("plan", i), new RunRecord(Plan: new PlannedBatch(i, batches[i])), CancellationToken.None);
        }

        return batches.Count;
    }
}

/// <summary>Extracts one planned batch; a batch with a result already is not sent to the model again.</summary>
internal sealed class ExtractBatch(IDocumentStore store, IModelPurposes purposes) : TaskActivity<RunUnit, ExtractedUnit>
{
    public override async Task<ExtractedUnit> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        var records = SelectMessages.Records(store, context, unit);
        var key = RunKeys.Of("batch", unit.Index);
        if (await records.GetAsync<RunRecord>(key, CancellationToken.None) is { Extracted: { } done })
        {
            return new ExtractedUnit(done.Index, done.Tokens, done.Failure);
        }

        var plan = (await records.GetAsync<RunRecord>(RunKeys.Of("plan", unit.Index), CancellationToken.None))?.Plan
            ?? throw new InvalidOperationException($"Batch {unit.Index} was not planned.");
        var extractor = await purposes.ExtractorAsync(CancellationToken.None);
        ExtractedBatch result;
        try
        {
            var extraction = await extractor.ExtractAsync(plan.Batch with { RunId = context.InstanceId }, CancellationToken.None);
            result = new ExtractedBatch(plan.Index, extraction.Atoms.Select(a => Candidates.From(a, plan.Batch)).OfType<CandidateAtom>().ToList(), extraction.Tokens);
        }
        catch (ModelOutputException e)
        {
            result = new ExtractedBatch(plan.Index, [], e.Usage.Total, e.Message);
        }

        await records.AddOnceAsync(key, new RunRecord(Extracted: result), CancellationToken.None);
        return new ExtractedUnit(result.Index, result.Tokens, result.Failure);
    }
}

/// <summary>Fan-in: merges every extracted batch's atoms and keeps them in chunks to store.</summary>
internal sealed class MergeAtoms(IDocumentStore store) : TaskActivity<RunUnit, MergedUnit>
{
    public const int ChunkSize = 100;

    public override async Task<MergedUnit> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        var records = SelectMessages.Records(store, context, unit);
        var candidates = (await records.ListAsync<RunRecord>(CancellationToken.None)).Select(r => r.Extracted).OfType<ExtractedBatch>()
            .OrderBy(b => b.Index).SelectMany(b => b.Atoms).ToList();
        var chunks = AtomMerger.Merge(unit.Input.ChatId, candidates).Chunk(ChunkSize).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await records.AddOnceAsync(RunKeys.Of("merged", i), new RunRecord(Merged: new MergedChunk(i, chunks[i])), CancellationToken.None);
        }

        return new MergedUnit(chunks.Count, chunks.Sum(c => c.Length), candidates.Count);
    }
}

/// <summary>Stores one chunk of merged atoms (and their proposals); answers how many atoms it held.</summary>
internal sealed class StoreAtoms(IDocumentStore store, KnowledgeStore knowledge) : TaskActivity<RunUnit, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        var records = SelectMessages.Records(store, context, unit);
        var chunk = (await records.GetAsync<RunRecord>(RunKeys.Of("merged", unit.Index), CancellationToken.None))?.Merged
            ?? throw new InvalidOperationException($"Chunk {unit.Index} was not merged.");
        var created = await knowledge.SaveAsync(unit.Input.ChatId, context.InstanceId, chunk.Atoms, CancellationToken.None);
        await records.AddOnceAsync(RunKeys.Of("stored", chunk.Index), new RunRecord(Stored: new StoredChunk(chunk.Index, chunk.Atoms.Count, created)), CancellationToken.None);
        return chunk.Atoms.Count;
    }
}

/// <summary>What the run did, from all its records.</summary>
internal sealed class SummarizeRun(IDocumentStore store) : TaskActivity<RunUnit, AnalysisRunOutput>
{
    public override async Task<AnalysisRunOutput> RunAsync(TaskActivityContext context, RunUnit unit) =>
        RunSummary.Of(unit.Input, await SelectMessages.Records(store, context, unit).ListAsync<RunRecord>(CancellationToken.None), "");
}

/// <summary>Deletes the run's records once its output holds the summary.</summary>
internal sealed class ForgetRun(IDocumentStore store) : TaskActivity<RunUnit, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunUnit unit)
    {
        await SelectMessages.Records(store, context, unit).DeleteAllAsync(CancellationToken.None);
        return 0;
    }
}

internal static class RunKeys
{
    public static string Of(string phase, int index) => $"{phase}-{RunRecords.Key(index)}";
}
