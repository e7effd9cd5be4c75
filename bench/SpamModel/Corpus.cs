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
            var text = Placeholder().Replace(row[1].Trim(), m => StandIn(m.Groups[1].Value, text: row[1]));
            yield return new Sample(text, row[0].Trim() == "1" ? Spam : Ham, LanguageOf(text), "telegram-ru", "ru-telegram", false);
        }
    }

    /// <summary>
    /// What the Russian set's anonymiser put in place of a username, link, phone, time, date, sum or
    /// hashtag, as such a thing looks in a chat (drawn with a seed from the text), so the model learns
    /// the shape the analyzer reads (a mention, a link, a phone number) and not the placeholder's word.
    /// </summary>
    private static string StandIn(string kind, string text)
    {
        var random = new Random((int)Stable(text + kind));
        string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('a' + random.Next(26))));
        string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
        return kind switch
        {
            "USERNAME" => "@" + Letters(random.Next(5, 12)),
            "LINK" => "https://" + Letters(random.Next(4, 10)) + (random.Next(2) == 0 ? ".ru/" : ".com/") + Letters(6),
            "PHONE" => "+7 9" + Digits(2) + " " + Digits(3) + "-" + Digits(2) + "-" + Digits(2),
            "TIME" => Digits(1) + ":" + Digits(1) + "0",
            "DATE" => random.Next(1, 29) + "." + random.Next(1, 13).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            "CURRENCY" => "₽",
            "HASHTAG" => "#" + Letters(random.Next(4, 10)),
            "EMAIL" => Letters(6) + "@" + Letters(5) + ".ru",
            _ => kind,
        };
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

    [GeneratedRegex(@"\[(USERNAME|LINK|PHONE|TIME|DATE|CURRENCY|HASHTAG|EMAIL)\]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<[^>]{0,200}>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\[\d\d:\d\d\] <[^>]+> (.*)$")]
    private static partial Regex IrcLine();
}
