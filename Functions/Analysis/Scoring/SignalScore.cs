using Sift.Analysis.Labels;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>What the scorer may know beyond the message itself.</summary>
/// <param name="Recent">The same chat's messages before this one, within the last 24 h, newest first, at most 50 (for near-duplicates).</param>
/// <param name="Replies">How many messages reply to this one (capped at 5 by the caller).</param>
/// <param name="Labels">What people's labels say of the message (<see cref="LearnedLabels"/>); null when nothing.</param>
public sealed record ScoringContext(IReadOnlyList<RecentMessage> Recent, int Replies, LabelEvidence? Labels = null)
{
    public static ScoringContext None { get; } = new([], 0);
}

/// <summary>
/// Of a recent message, only what near-duplicates are found by: read from the stored message, whose
/// other fields (its analysis, entities, history) are skipped instead of built, fifty times for each message analysed.
/// </summary>
public sealed record RecentMessage(string Id, long MessageId, string? Text);

/// <param name="Importance">0..1, within the band of <paramref name="Class"/>, so sorting by importance never ranks noise above signal.</param>
/// <param name="Factors">What decided both, largest |weight| first.</param>
public sealed record SignalScore(double Importance, MessageClass Class, IReadOnlyList<AnalysisFactor> Factors);
