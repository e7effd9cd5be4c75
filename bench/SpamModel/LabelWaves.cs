using System.Diagnostics;
using Sift.Analysis;
using Sift.Analysis.Labels;
using Sift.Analysis.Scoring;
using static System.FormattableString;
using static Sift.Analysis.Offline.SpamModel;

namespace Sift.Bench.SpamModel;

/// <summary>
/// How the label memory (<see cref="LearnedLabels"/>) catches a spam wave after one label, on the
/// synthetic set (no data folder needed): each spam template is a wave, its first filling labelled
/// spam, the other fillings (and the same reworded: one word in five dropped) the wave's next
/// messages. Every ham and noise text is checked against all the labelled spam, for the texts the
/// memory would wrongly call copies. Then the CPU an analysed message spends reading the memory.
/// </summary>
public static class LabelWaves
{
    private static readonly double[] Thresholds = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];

    public static void Report(int rounds)
    {
        var samples = Synthetic.All().ToList();
        var waves = samples.Where(s => s.Class == Spam).GroupBy(s => s.Source).Select(g => g.Select(s => s.Text).ToList()).ToList();
        var labelled = waves.Select(w => TextFingerprint.Of(w[0])).ToList();
        var others = samples.Where(s => s.Class != Spam).Select(s => s.Text).ToList();
        var next = waves.SelectMany((w, i) => w.Skip(1).Select(t => (Wave: i, Text: t))).ToList();
        var reworded = next.Select(n => (n.Wave, Text: Reword(n.Text, n.Text.Length))).ToList();
        Console.WriteLine(Invariant($"{waves.Count} spam waves, {labelled.Count(f => f is null)} too short to fingerprint; {next.Count} next messages; {others.Count} ham and noise texts"));
        var model = Analysis.Offline.SpamModel.Shipped;
        Console.WriteLine(Invariant($"the shipped model alone calls {Share(next, n => Scored(n.Text) == MessageClass.Spam)} of the next messages spam, {Share(reworded, n => Scored(n.Text) == MessageClass.Spam)} of the reworded"));
        foreach (var threshold in Thresholds)
        {
            bool Caught((int Wave, string Text) n) => labelled[n.Wave] is { } f && TextFingerprint.Of(n.Text) is { } g && TextFingerprint.Similarity(f, g) >= threshold;
            var wrong = others.Count(t => TextFingerprint.Of(t) is { } g && labelled.Exists(f => f is not null && TextFingerprint.Similarity(f, g) >= threshold));
            var crossed = next.Count(n => TextFingerprint.Of(n.Text) is { } g && labelled.Where((f, i) => i != n.Wave && f is not null).Any(f => TextFingerprint.Similarity(f!, g) >= threshold));
            Console.WriteLine(Invariant($"from {threshold:0.00}: caught {Share(next, Caught)} of the next messages, {Share(reworded, Caught)} reworded; ham or noise taken for a copy {wrong}/{others.Count}; spam taken for another wave's {crossed}"));
        }

        var texts = samples.Select(s => s.Text).ToArray();
        var fingerprinting = Cpu(rounds, () => Array.ForEach(texts, t => TextFingerprint.Of(t)));
        Console.WriteLine(Invariant($"fingerprinting a text: {fingerprinting / texts.Length:0.0} us of CPU ({System.Numerics.Vector<uint>.Count} slots a vector)"));
        foreach (var size in new[] { 0, 100, 1000, 10000 })
        {
            var learned = new LearnedLabels(Enumerable.Range(0, size).Select(i =>
                new LabelledText($"-2:{i}", MessageClass.Spam, $"user:{i}", TextFingerprint.Of(samples[i % samples.Count].Text + " " + i) is { } f ? TextFingerprint.ToText(f) : null, DateTimeOffset.UnixEpoch)));
            var messages = samples.Select((s, i) => Evaluation.Message(s.Text, i + 1)).ToArray();
            var cpu = Cpu(rounds, () => Array.ForEach(messages, m => learned.Evidence(m)));
            Console.WriteLine(Invariant($"reading a memory of {size,5} labels: {cpu / messages.Length:0.0} us of CPU per analysed message (fingerprint and scan)"));
        }

        MessageClass Scored(string text) => SignalScorer.Score(Evaluation.Message(text), ScoringContext.None, model).Class;
    }

    /// <summary>The text with every fifth word dropped (from a place its length picks).</summary>
    private static string Reword(string text, int seed)
    {
        var words = text.Split(' ');
        return string.Join(' ', words.Where((_, i) => (i + seed) % 5 != 0));
    }

    private static string Share<T>(List<T> items, Func<T, bool> test) => Invariant($"{items.Count(test)}/{items.Count}");

    private static double Cpu(int rounds, Action round)
    {
        round();
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        for (var r = 0; r < rounds; r++)
        {
            round();
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / rounds;
    }
}
