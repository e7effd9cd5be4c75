using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sift.Analysis.Offline;
using static Sift.Analysis.Offline.SpamModel;

namespace Sift.Bench.SpamModel;

/// <summary>
/// The labelled texts, read from the data folder laid out as DATA.md says, and split: exact copies
/// dropped, near-copies grouped (MinHash over word pairs), and each group wholly in training,
/// validation or held out, so no near-copy crosses the split. A group is held out when any of its
/// texts comes from a held-out source (a YouTube video, the IRC dev and test days, odd synthetic
/// templates), otherwise by a hash of its first text (1 in 5; 1 in 10 of the rest validates).
/// </summary>
public static partial class Corpus
{
    private static readonly System.Buffers.SearchValues<char> Ukrainian = System.Buffers.SearchValues.Create("іїєґІЇЄҐ");

    public static List<Sample> Load(string data)
    {
        var samples = new List<Sample>();
        samples.AddRange(YouTube(Path.Combine(data, "youtube")));
        samples.AddRange(Irc(Path.Combine(data, "irc")));
        samples.AddRange(TelegramRu(Path.Combine(data, "telegram-ru", "telegram_spam_ru.csv")));
        samples.AddRange(Synthetic.All());
        var unique = samples.Where(s => s.Text.Trim().Length > 0).GroupBy(s => s.Text.Trim()).Select(g => g.First()).ToList();
        AssignSplits(unique);
        var largest = unique.GroupBy(s => s.Group).Max(g => g.Count());
        Console.WriteLine(FormattableString.Invariant($"largest near-copy group: {largest} texts"));
        return unique;
    }

    private static IEnumerable<Sample> YouTube(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "Youtube0*.csv").Order(StringComparer.Ordinal))
        {
            var video = Path.GetFileNameWithoutExtension(file).Split('-')[1];
            foreach (var row in Csv.Read(File.ReadAllText(file)).Skip(1).Where(r => r.Count >= 5))
            {
                var text = Tag().Replace(WebUtility.HtmlDecode(row[3]), " ").Trim();
                yield return new Sample(text, row[4].Trim() == "1" ? Spam : Ham, "en", $"youtube:{video}", "en-youtube", video == "Shakira");
            }
        }
    }

    /// <summary>Ubuntu IRC lines of four words or more (shorter ones are mostly greetings and noise, which the synthetic set covers); 1 in 4 of the training days' lines.</summary>
    private static IEnumerable<Sample> Irc(string folder)
    {
        foreach (var day in new[] { "train", "dev", "test" })
        {
            var files = Directory.GetFiles(Path.Combine(folder, day), "*.raw.txt").Order(StringComparer.Ordinal);
            var n = 0;
            foreach (var line in files.SelectMany(File.ReadLines))
            {
                var match = IrcLine().Match(line);
                var text = match.Success ? match.Groups[1].Value.Trim() : "";
                if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4 && (day != "train" || n++ % 4 == 0))
                {
                    yield return new Sample(text, Ham, "en", $"irc:{day}", "en-irc", day != "train");
                }
            }
        }
    }

    private static IEnumerable<Sample> TelegramRu(string file)
    {
        foreach (var row in Csv.Read(File.ReadAllText(file)).Skip(1).Where(r => r.Count >= 2))
        {
            var text = row[1].Trim();
            yield return new Sample(text, row[0].Trim() == "1" ? Spam : Ham, LanguageOf(text), "telegram-ru", "ru-telegram", false);
        }
    }

    public static string LanguageOf(string text) =>
        text.AsSpan().IndexOfAny(Ukrainian) >= 0 ? "uk" : text.Count(c => c is >= '\u0400' and <= '\u04FF') * 2 > text.Count(char.IsLetter) ? "ru" : "en";

    private static void AssignSplits(List<Sample> samples)
    {
        var groups = NearCopies.Group(samples.Select(s => s.Text).ToList());
        foreach (var members in Enumerable.Range(0, samples.Count).GroupBy(i => groups[i]))
        {
            var heldOutSource = members.Any(i => samples[i].HeldOutSource);
            var bucket = Stable(samples[members.Min()].Text) % 10;
            var split = heldOutSource || bucket < 2 ? Split.HeldOut : bucket == 2 ? Split.Validation : Split.Train;
            foreach (var i in members)
            {
                samples[i].Split = split;
                samples[i].Group = members.Key;
            }
        }
    }

    public static uint Stable(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    [GeneratedRegex(@"<[^>]{0,200}>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\[\d\d:\d\d\] <[^>]+> (.*)$")]
    private static partial Regex IrcLine();
}
