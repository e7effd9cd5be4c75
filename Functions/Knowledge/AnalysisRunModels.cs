using Sift.Analysis;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>What a run reads, fixed when it starts, with the limits in force then (a redone step sees the same ones).</summary>
public sealed record AnalysisRunInput(ChatKey ChatId, DateTimeOffset Since, DateTimeOffset Until, RunLimits Limits);

/// <param name="TokenBudget">Model tokens the run may spend on extraction.</param>
public sealed record RunLimits(int MinSignalMessages, int BatchTokenBudget, int MaxMessages, int ConcurrentBatches, long TokenBudget, ErrorPolicy ErrorPolicy);

/// <summary>What a batch the model cannot answer does to its run: <c>collect</c> lists it and goes on, <c>failFast</c> fails the run.</summary>
public enum ErrorPolicy
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("collect")] Collect,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("failFast")] FailFast,
}

/// <summary>Where a run is: the next page of messages to read, and how many batches and stored chunks it has.</summary>
public sealed record AnalysisRunState(int Page = 0, string? Continuation = null, long Read = 0, int Batches = 0, int Chunks = 0, int Chunk = 0);

/// <summary>A message kept for extraction, with the thread it belongs to.</summary>
public sealed record SelectedMessage(BatchMessage Message, long? ThreadId);

/// <summary>One page of the window: the signal messages kept, and how many were skipped for each reason.</summary>
/// <param name="EmbeddedOffline">Messages whose analysis fell back to the offline embedder because the embedding model failed.</param>
/// <param name="EmbeddingFallback">The first such analysis's reason.</param>
public sealed record SelectedPage(
    int Page, long Read, IReadOnlyList<SelectedMessage> Kept, IReadOnlyDictionary<string, long> Skipped, bool Truncated,
    long EmbeddedOffline = 0, string? EmbeddingFallback = null);

public sealed record PlannedBatch(int Index, ExtractionBatch Batch);

/// <summary>An extracted atom, with the topic and date of the messages it cites.</summary>
public sealed record CandidateAtom(
    AtomKind Kind, string Title, string Content, double Confidence, string? TopicId, string? Owner, DateOnly? DueDate,
    IReadOnlyList<long> SourceMessageIds, DateTimeOffset Date);

/// <param name="Tokens">Model tokens the extraction spent.</param>
/// <param name="Failure">Why the model could not extract it (its output never fit the schema); the batch then has no atoms.</param>
public sealed record ExtractedBatch(int Index, IReadOnlyList<CandidateAtom> Atoms, long Tokens = 0, string? Failure = null);

/// <summary>A batch the run could not extract, as its output lists it.</summary>
public sealed record FailedBatch(int Index, string Reason);

public sealed record MergedAtom(string Id, CandidateAtom Atom);

public sealed record MergedChunk(int Index, IReadOnlyList<MergedAtom> Atoms);

public sealed record StoredChunk(int Index, int Atoms, int ProposalsCreated);

/// <summary>
/// Every result document of a run has this one shape, so one list reads them all; exactly one
/// field is set, by the step that wrote it.
/// </summary>
public sealed record RunRecord(
    SelectedPage? Selected = null, PlannedBatch? Plan = null, ExtractedBatch? Extracted = null, MergedChunk? Merged = null, StoredChunk? Stored = null);

/// <summary>What a run did, as its orchestration output shows it.</summary>
/// <param name="BatchesExtracted">Batches sent to the extractor; fewer than <paramref name="Batches"/> when the token budget ran out.</param>
/// <param name="EmbeddedOffline">Messages of the window embedded by the offline embedder because the embedding model failed (extraction needs no embedding, so the run went on).</param>
/// <param name="EmbeddingFallback">Why, as the first such message's analysis says; null when none fell back.</param>
public sealed record AnalysisRunOutput(
    ChatKey ChatId, DateTimeOffset Since, DateTimeOffset Until, long MessagesInWindow, long SignalKept, IReadOnlyDictionary<string, long> Skipped,
    bool Truncated, int Batches, int Atoms, IReadOnlyDictionary<string, int> AtomsByKind, int ProposalsCreated, string Note,
    int BatchesExtracted = 0, long TokensUsed = 0, long TokenBudget = 0, bool BudgetExhausted = false, IReadOnlyList<FailedBatch>? FailedBatches = null,
    long EmbeddedOffline = 0, string? EmbeddingFallback = null);

/// <summary>Why a message of the window was not sent to the extractor.</summary>
public static class SkipReasons
{
    public const string NoText = "no_text";
    public const string LowQuality = "low_quality";
    public const string Noise = "noise";
    public const string Spam = "spam";

    public static IReadOnlyList<string> All { get; } = [Noise, Spam, LowQuality, NoText];
}
