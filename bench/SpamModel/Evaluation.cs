using System.Diagnostics;
using Sift.Analysis;
using Sift.Analysis.Scoring;
using Sift.Messages;
using static System.FormattableString;
using static Sift.Analysis.Offline.SpamModel;

namespace Sift.Bench.SpamModel;

/// <summary>
/// The offline scorer on the held-out split, as the analysis path runs it (each text a plain text
/// message of a member, no chat context): before (the rules alone) and after (with the model).
/// A class of the scorer counts as spam, noise, or ham (every other class: low quality, signal, high quality).
/// </summary>
public static class Evaluation
{
    public static readonly string[] Names = ["ham", "spam", "noise"];

    public static void Report(IReadOnlyList<Sample> heldOut, Analysis.Offline.SpamModel model, string misses)
    {
        var before = heldOut.Select(s => Predict(s.Text, null)).ToArray();
        var after = heldOut.Select(s => Predict(s.Text, model)).ToArray();
        foreach (var (name, predicted) in new[] { ("before (rules alone)", before), ("after (rules and model)", after) })
        {
            Console.WriteLine($"\n## {name}");
            Table("all", heldOut, predicted, _ => true);
            foreach (var lang in new[] { "en", "ru", "uk" })
            {
                Table($"lang {lang}", heldOut, predicted, s => s.Lang == lang);
            }

            foreach (var family in heldOut.Select(s => s.Family).Distinct().Order(StringComparer.Ordinal))
            {
                Table($"set {family}", heldOut, predicted, s => s.Family == family);
            }
        }

        Misses(heldOut, after, misses);
    }

    /// <summary>The model (with the rules) on the validation split, per set: what training choices are compared on.</summary>
    public static void Validate(IReadOnlyList<Sample> validation, Analysis.Offline.SpamModel model)
    {
        var predicted = validation.Select(s => Predict(s.Text, model)).ToArray();
        Console.WriteLine("validation (rules and model):");
        Table("all", validation, predicted, _ => true);
        foreach (var family in validation.Select(s => s.Family).Distinct().Order(StringComparer.Ordinal))
        {
            Table($"set {family}", validation, predicted, s => s.Family == family);
        }
    }

    /// <summary>Writes every held-out spam text the analyzer misses and every ham it calls spam, by set, to <paramref name="path"/> (in the data folder: the texts are not the project's).</summary>
    private static void Misses(IReadOnlyList<Sample> heldOut, int[] predicted, string path)
    {
        using var file = new StreamWriter(path);
        foreach (var (title, expected, wrong) in new[] { ("spam missed", Spam, (Func<int, bool>)(p => p != Spam)), ("ham called spam", Ham, p => p == Spam) })
        {
            foreach (var family in Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Class == expected && wrong(predicted[i])).GroupBy(i => heldOut[i].Family).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                file.WriteLine(Invariant($"## {title}: {family.Key} ({family.Count()})"));
                foreach (var i in family)
                {
                    file.WriteLine($"{Names[predicted[i]]}\t{heldOut[i].Text.ReplaceLineEndings(" ")}");
                }
            }
        }

        Console.WriteLine($"\nheld-out spam missed and ham called spam, by set: {path}");
    }

    /// <summary>Process CPU time per message of the model's classification alone, and of the whole scorer with and without it.</summary>
    public static void MeasureCpu(IReadOnlyList<Sample> heldOut, Analysis.Offline.SpamModel model, int rounds)
    {
        var messages = heldOut.Select(s => Message(s.Text)).ToArray();
        var classify = Cpu(rounds, () =>
        {
            foreach (var m in messages)
            {
                model.Classify(m.Text!);
            }
        });
        var withModel = Cpu(rounds, () => Array.ForEach(messages, m => SignalScorer.Score(m, ScoringContext.None, model)));
        var rules = Cpu(rounds, () => Array.ForEach(messages, m => SignalScorer.Score(m, ScoringContext.None, null)));
        var count = (double)messages.Length;
        Console.WriteLine(Invariant($"\nCPU per message over {rounds} rounds of {messages.Length} texts (mean {messages.Average(m => m.Text!.Length):0} chars):"));
        Console.WriteLine(Invariant($"  model classification alone: {classify / count:0.0} us"));
        Console.WriteLine(Invariant($"  whole scorer, rules and model: {withModel / count:0.0} us; rules alone: {rules / count:0.0} us"));
    }

    private static double Cpu(int rounds, Action round)
    {
        round();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        for (var r = 0; r < rounds; r++)
        {
            round();
        }

        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMicroseconds / rounds;
    }

    private static void Table(string title, IReadOnlyList<Sample> samples, int[] predicted, Func<Sample, bool> include)
    {
        var pairs = Enumerable.Range(0, samples.Count).Where(i => include(samples[i])).Select(i => (Expected: samples[i].Class, Predicted: predicted[i])).ToList();
        var hams = pairs.Count(p => p.Expected == Ham);
        var hamAsSpam = pairs.Count(p => p.Expected == Ham && p.Predicted == Spam);
        var line = string.Join("  ", Enumerable.Range(0, Classes).Where(c => pairs.Exists(p => p.Expected == c)).Select(c =>
        {
            var tp = pairs.Count(p => p.Expected == c && p.Predicted == c);
            var (precision, recall) = (Ratio(tp, pairs.Count(p => p.Predicted == c)), Ratio(tp, pairs.Count(p => p.Expected == c)));
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return Invariant($"{Names[c]} P {precision:0.000} R {recall:0.000} F1 {f1:0.000} (n={pairs.Count(p => p.Expected == c)})");
        }));
        var hamRate = hams == 0 ? "" : Invariant($"  ham called spam {100.0 * hamAsSpam / hams:0.00} % ({hamAsSpam}/{hams})");
        Console.WriteLine($"{title,-22} {line}{hamRate}");
    }

    private static int Predict(string text, Analysis.Offline.SpamModel? model) => SignalScorer.Score(Message(text), ScoringContext.None, model).Class switch
    {
        MessageClass.Spam => Spam,
        MessageClass.Noise => Noise,
        _ => Ham,
    };

    internal static MessageDocument Message(string text, long messageId = 1) => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(-1, null), messageId),
        ChatId = -1,
        MessageId = messageId,
        Date = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Kind = MessageKind.Text,
        Text = text,
        Chat = new ChatInfo(-1, "supergroup", "bench", null),
        Sender = new SenderInfo("user", 100, "Member", null, false),
        Source = "bench",
    };

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
