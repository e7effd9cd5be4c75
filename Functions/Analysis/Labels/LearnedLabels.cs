using System.Globalization;
using Sift.Api;
using Sift.Messages;

namespace Sift.Analysis.Labels;

/// <summary>What the scorer learns from people's labels about one message: a labelled message it nearly copies, and its sender's labels.</summary>
/// <param name="Copy">The most similar labelled text at or above <see cref="LearnedLabels.CopyFrom"/>, with its similarity; null when none is.</param>
/// <param name="SenderSpam">How many of the sender's other labelled messages people called spam.</param>
/// <param name="SenderLabels">How many of the sender's other messages people labelled.</param>
public sealed record LabelEvidence(LabelledText? Copy, double Similarity, int SenderSpam, int SenderLabels)
{
    /// <summary>Log-odds the sender's labels add to the model's spam verdict: 1.5 for each spam label beyond the others, at most 3.</summary>
    public double SenderLean => Math.Clamp(1.5 * (SenderSpam - (SenderLabels - SenderSpam)), 0, 3);

    /// <summary>A spam probability with <see cref="SenderLean"/> added to its log-odds.</summary>
    public double Lean(double spam)
    {
        var p = Math.Clamp(spam, 1e-9, 1 - 1e-9);
        return 1 / (1 + Math.Exp(-(Math.Log(p / (1 - p)) + SenderLean)));
    }

    public string CopyDetail => string.Create(CultureInfo.InvariantCulture,
        $"like message {Copy!.MessageId}, labelled {EnumQuery.Name(Copy.Class)} by a person; similarity {Similarity:0.00}");

    public string SenderDetail => string.Create(CultureInfo.InvariantCulture, $"{SenderSpam} of the sender's {SenderLabels} labelled messages are spam");
}

/// <summary>
/// The label memory as one process read it (<see cref="LabelMemory"/>): the labelled texts'
/// fingerprints, compared one after the other, and the labels by sender.
/// </summary>
public sealed class LearnedLabels
{
    /// <summary>
    /// The similarity from which a text is taken for a copy of a labelled one, chosen on the
    /// synthetic spam waves of bench/SpamModel (<c>labels</c>): with one text of each of 40 waves
    /// labelled, 440/440 of the waves' other texts are caught from 0.4, and 437/440 with a word in
    /// five dropped; no ham or noise text (0/1,668) and no other wave's spam is taken for a copy
    /// from 0.3 (at 0.25, 19 texts of other waves are).
    /// </summary>
    public const double CopyFrom = 0.4;

    private readonly LabelledText[] texts;
    private readonly ushort[] fingerprints;
    private readonly Dictionary<string, LabelledText[]> senders;

    public LearnedLabels(IEnumerable<LabelledText> entries)
    {
        var all = entries.ToList();
        texts = [.. all.Where(e => e.Fingerprint is not null)];
        fingerprints = new ushort[texts.Length * TextFingerprint.Slots];
        for (var i = 0; i < texts.Length; i++)
        {
            TextFingerprint.FromText(texts[i].Fingerprint!).CopyTo(fingerprints, i * TextFingerprint.Slots);
        }

        senders = all.Where(e => e.Sender is not null).GroupBy(e => e.Sender!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Count = all.Count;
    }

    public static LearnedLabels Empty { get; } = new([]);

    /// <summary>Labelled messages remembered.</summary>
    public int Count { get; }

    /// <summary>What the labels say of <paramref name="message"/>, its own label left out; null when they say nothing.</summary>
    public LabelEvidence? Evidence(MessageDocument message)
    {
        if (Count == 0)
        {
            return null;
        }

        var (copy, similarity) = texts.Length > 0 && TextFingerprint.Of(message.Text) is { } fingerprint ? Nearest(fingerprint, message.Id) : (null, 0);
        var byMessage = message.Sender is { } sender && senders.TryGetValue(SenderKey(sender), out var labelled)
            ? labelled.Where(e => e.MessageId != message.Id).ToList()
            : [];
        return copy is null && byMessage.Count == 0
            ? null
            : new LabelEvidence(copy, similarity, byMessage.Count(e => e.Class == MessageClass.Spam), byMessage.Count);
    }

    public static string SenderKey(SenderInfo sender) => string.Create(CultureInfo.InvariantCulture, $"{sender.Type}:{sender.Id}");

    private (LabelledText?, double) Nearest(ushort[] fingerprint, string exceptId)
    {
        var (best, bestSimilarity) = (-1, CopyFrom);
        for (var i = 0; i < texts.Length; i++)
        {
            var similarity = TextFingerprint.Similarity(fingerprint, fingerprints.AsSpan(i * TextFingerprint.Slots, TextFingerprint.Slots));
            if (similarity >= bestSimilarity && texts[i].MessageId != exceptId)
            {
                (best, bestSimilarity) = (i, similarity);
            }
        }

        return best < 0 ? (null, 0) : (texts[best], bestSimilarity);
    }
}
