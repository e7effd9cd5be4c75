using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Api;

namespace Sift.Knowledge;

/// <summary>A run's output, added up from its result documents (never from counters a redone step could double).</summary>
internal static class RunSummary
{
    public static AnalysisRunOutput Of(AnalysisRunInput input, IReadOnlyList<RunRecord> records, string note)
    {
        var pages = records.Select(r => r.Selected).OfType<SelectedPage>().ToList();
        var atoms = records.Select(r => r.Merged).OfType<MergedChunk>().SelectMany(c => c.Atoms).ToList();
        var skipped = SkipReasons.All.ToDictionary(reason => reason, reason => pages.Sum(p => p.Skipped.GetValueOrDefault(reason)), StringComparer.Ordinal);
        var byKind = EnumQuery.Names<AtomKind>().ToDictionary(k => k.Name, k => atoms.Count(a => a.Atom.Kind == k.Member), StringComparer.Ordinal);
        var extracted = records.Select(r => r.Extracted).OfType<ExtractedBatch>().ToList();
        var batches = records.Count(r => r.Plan is not null);
        return new AnalysisRunOutput(
            input.ChatId, input.Since, input.Until, pages.Sum(p => p.Read), pages.Sum(p => (long)p.Kept.Count), skipped, pages.Any(p => p.Truncated),
            batches, atoms.Count, byKind, records.Select(r => r.Stored).OfType<StoredChunk>().Sum(s => s.ProposalsCreated), note,
            extracted.Count, extracted.Sum(b => b.Tokens), input.Limits.TokenBudget, BudgetExhausted: extracted.Count < batches,
            extracted.Where(b => b.Failure is not null).OrderBy(b => b.Index).Select(b => new FailedBatch(b.Index, b.Failure!)).ToList(),
            pages.Sum(p => p.EmbeddedOffline), pages.OrderBy(p => p.Page).Select(p => p.EmbeddingFallback).FirstOrDefault(f => f is not null));
    }
}

/// <summary>What the extractor said, checked against the batch it read: only messages of the batch are cited.</summary>
internal static class Candidates
{
    public const int MaxContentLength = 4000;

    public static CandidateAtom? From(ExtractedAtom atom, ExtractionBatch batch)
    {
        var cited = atom.SourceMessageIds.Distinct().Select(id => batch.Messages.FirstOrDefault(m => m.MessageId == id)).OfType<BatchMessage>().ToList();
        var title = Clip(atom.Title.Trim(), Sentences.MaxTitleLength);
        if (cited.Count == 0 || TextTokens.Words(title).Count == 0)
        {
            return null;
        }

        return new CandidateAtom(atom.Kind, title, Clip(atom.Content.Trim(), MaxContentLength), Math.Round(Math.Clamp(atom.Confidence, 0, 1), 2),
            AtomMerger.MostCommon(cited.Select(m => m.TopicId)) ?? atom.TopicId, atom.Owner, atom.DueDate,
            cited.Select(m => m.MessageId).Order().ToList(), cited.Max(m => m.Date));
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
