using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Analysis.Scoring;
using Sift.Llm;
using Sift.Messages;
using Sift.Storage;
using Sift.Tests.Analysis;
using Sift.Topics;

// CPU per adversarial message for each text analyser, the whole text given to it (not the prefix
// the analysis reads), so the figures show how each one grows with the length: the least of
// `repeats` runs (the process's CPU, so JIT and GC threads count; the least is the analyser's own).
// A case that takes longer than the cap runs once and not at the larger lengths.
//   dotnet run -c Release --project bench/AdversarialText -- [lengths=4096,16384,65536] [cap seconds=20] [repeats=3]
var lengths = (args.Length > 0 ? args[0] : "4096,16384,65536").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var cap = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20);
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
// One match past the cap stops the case: a pattern that backtracks with the cube of a text would not end.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", cap);
var now = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
Topic[] topics = [new("deploy", "Deploy", "Releases and servers", ["deploy", "release", "server"], ["status page"], now, now)];

var analysers = new (string Name, Action<string> Run)[]
{
    ("scorer", text => SignalScorer.Score(Message(text), new ScoringContext([new RecentMessage("1:0", 0, text)], 0))),
    ("classifier", text => OfflineTopicClassifier.Classify(text, topics)),
    ("embedder", text => HashingEmbedder.Embed(text)),
    ("extractor", text => new OfflineKnowledgeExtractor().ExtractAsync(new ExtractionBatch(1, [new BatchMessage(1, now, "A", "a", null, text, null)]), default).Wait()),
    ("pii scrubber", text => PiiScrubber.Scrub(text, usernames: true)),
    ("sentences", text => Sentences.Split(text).ForEach(s => Sentences.Title(s))),
    ("snippet", text => SearchSnippets.Around(text, SearchTerms.Of("deploy server"))),
};

foreach (var (_, run) in analysers)
{
    run("Deploy the server at 10:30, costs $5. Ping @alice or mail bob@example.com, +44 20 7946 0958. See https://example.com");
}

Console.WriteLine($"| text | analyser | {string.Join(" | ", lengths.Select(l => $"{l:N0} chars"))} |");
Console.WriteLine($"|---|---|{string.Concat(lengths.Select(_ => "---|"))}");
foreach (var (name, make) in AdversarialTexts.All)
{
    var sums = new double?[lengths.Length];
    Array.Fill(sums, 0);
    foreach (var (analyser, analyse) in analysers)
    {
        var cells = new List<string>();
        var skip = false;
        for (var i = 0; i < lengths.Length; i++)
        {
            if (skip)
            {
                sums[i] = null;
                cells.Add("not run");
                continue;
            }

            var text = make(lengths[i]);
            var spent = TimeSpan.MaxValue;
            try
            {
                for (var run = 0; run < repeats && !(run > 0 && spent > cap); run++)
                {
                    var cpu = Cpu();
                    analyse(text);
                    spent = TimeSpan.FromTicks(Math.Min(spent.Ticks, (Cpu() - cpu).Ticks));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                sums[i] = null;
                cells.Add($"over {cap.TotalSeconds:0} s");
                skip = true;
                continue;
            }

            sums[i] += spent.TotalMilliseconds;
            cells.Add($"{spent.TotalMilliseconds:0.0} ms");
            skip = spent > cap;
        }

        Console.WriteLine($"| {name} | {analyser} | {string.Join(" | ", cells)} |");
    }

    Console.WriteLine($"| {name} | **all** | {string.Join(" | ", sums.Select(s => s is { } ms ? $"**{ms:0.0} ms**" : "not run"))} |");
}

static TimeSpan Cpu()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

static MessageDocument Message(string text) => new()
{
    Id = "1:1", ChatId = 1, MessageId = 1, Date = DateTimeOffset.UnixEpoch, Kind = MessageKind.Text, Text = text,
    Chat = new ChatInfo(1, "supergroup", "bench", null), Sender = new SenderInfo("user", 2, "A", "a", false), Source = "bench",
};
