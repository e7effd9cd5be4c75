namespace Sift.Analysis.Offline;

/// <summary>
/// Knowledge from cue phrases (<see cref="KnowledgeCues"/>): deterministic, no model, good enough
/// to demo and to test the pipeline. Sentences of one kind in one message make one atom (action
/// items stay one per sentence: each has its owner and due date); a reply to a message that
/// reported a problem is its solution, citing both.
/// </summary>
public sealed class OfflineKnowledgeExtractor : IKnowledgeExtractor
{
    public string Version => "offline-extract-2";

    public Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken)
    {
        var byId = batch.Messages.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.First());
        var problems = new HashSet<long>();
        var atoms = new List<ExtractedAtom>();
        // In date order, so a problem is known before the replies that solve it.
        foreach (var message in batch.Messages.OrderBy(m => m.Date).ThenBy(m => m.MessageId))
        {
            var parent = message.ReplyToMessageId is { } replyTo ? byId.GetValueOrDefault(replyTo) : null;
            atoms.AddRange(Read(message, parent, problems));
        }

        return Task.FromResult(new Extraction(atoms));
    }

    private static List<ExtractedAtom> Read(BatchMessage message, BatchMessage? parent, HashSet<long> problems)
    {
        var found = new List<ExtractedAtom>();
        var grouped = new List<(AtomKind Kind, double Confidence, List<string> Sentences)>();
        foreach (var sentence in Sentences.Split(message.Text))
        {
            var due = DueDates.Find(sentence, message.Date);
            if (KnowledgeCues.Read(sentence, due) is not { } cue)
            {
                continue;
            }

            if (cue.Kind == AtomKind.ActionItem)
            {
                // Whom the sentence names first (an @mention, an addressed or assigned name), else who took it on or was asked.
                var owner = Sentences.FirstMention(sentence) ?? Owners.Named(sentence)
                    ?? (KnowledgeCues.IsCommitment(sentence) || parent is null ? Name(message) : Name(parent));
                found.Add(Atom(AtomKind.ActionItem, sentence, sentence, cue.Confidence, message, owner, due, [message.MessageId]));
                continue;
            }

            var index = grouped.FindIndex(g => g.Kind == cue.Kind);
            if (index < 0)
            {
                grouped.Add((cue.Kind, cue.Confidence, [sentence]));
            }
            else
            {
                grouped[index] = (cue.Kind, Math.Max(grouped[index].Confidence, cue.Confidence), [.. grouped[index].Sentences, sentence]);
            }
        }

        // A reply to a problem that says how to fix it is its solution (it names the problem's words too:
        // they are not a new problem); one that only goes on without a question or problem of its own is a weaker one.
        var answersProblem = parent is not null && problems.Contains(parent.MessageId);
        var explicitFix = answersProblem && KnowledgeCues.IsSolution(message.Text);
        if (explicitFix || (answersProblem && !grouped.Any(g => g.Kind is AtomKind.Problem or AtomKind.Question)))
        {
            found.Add(Atom(AtomKind.Solution, Sentences.Split(message.Text)[0], message.Text.Trim(), explicitFix ? 0.8 : 0.55, message, null, null,
                [parent!.MessageId, message.MessageId]));
            grouped.RemoveAll(g => g.Kind == AtomKind.Problem);
        }

        foreach (var (kind, confidence, sentences) in grouped)
        {
            found.Add(Atom(kind, sentences[0], string.Join(' ', sentences), confidence, message, null, null, [message.MessageId]));
        }

        if (grouped.Any(g => g.Kind == AtomKind.Problem))
        {
            problems.Add(message.MessageId);
        }

        return found;
    }

    private static ExtractedAtom Atom(
        AtomKind kind, string titleFrom, string content, double confidence, BatchMessage message, string? owner, DateOnly? due, IReadOnlyList<long> sources) =>
        new(kind, AtomTitles.Of(titleFrom), content, confidence, message.TopicId, owner, due, sources);

    private static string? Name(BatchMessage message) => message.SenderUsername is { Length: > 0 } username ? $"@{username}" : message.SenderName;
}
