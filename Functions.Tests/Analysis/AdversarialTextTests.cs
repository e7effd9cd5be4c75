using System.Reflection;
using System.Text.RegularExpressions;
using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Analysis.Scoring;
using Sift.Llm;
using Sift.Storage;
using Sift.Tests.Messages;
using Sift.Topics;

namespace Sift.Tests.Analysis;

/// <summary>
/// Text anyone wrote costs a bounded amount to analyse: every pattern is linear in the text (the
/// non-backtracking engine, or a backtracking one whose reason is written here), and the analysis
/// reads a bounded prefix. bench/AdversarialText measures the CPU the same texts cost.
/// </summary>
public sealed class AdversarialTextTests
{
    private const int Length = 64 * 1024;

    /// <summary>
    /// A guard, not a measure: a pattern that backtracks with the square of the text fails the test
    /// (the texts took minutes before) instead of hanging the suite; the texts take milliseconds now.
    /// </summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>The patterns left on the backtracking engine (they need lookarounds or a backreference, or read bounded input), and why each is linear.</summary>
    private static readonly Dictionary<string, string> Backtracking = new(StringComparer.Ordinal)
    {
        ["MessageText.Link"] = "a bare domain starts only where a run of name characters starts, and reads to the run's end at most",
        ["MessageText.Mention"] = "starts only at an @ not after another, and reads one name",
        ["MessageText.Command"] = "starts only at a / after a space, and reads one word",
        ["MessageText.InviteLink"] = "reads at most 18 characters from a start",
        ["MessageText.Time"] = "reads at most 6 characters from a start",
        ["MessageText.CodeSpan"] = "from a backquote reads to the next one, where the next match starts",
        ["MessageText.Number"] = "one character",
        ["WordShapes.HeldKey"] = "a backreference; from a start reads only while one character repeats",
        ["DueDates.IsoDate"] = "reads at most 10 characters from a start",
        ["DueDates.DottedDate"] = "reads at most 10 characters from a start",
        ["Sentences.SentenceBreak"] = "every start either takes the whole run of spaces or fails at its first character",
        ["Sentences.ClauseBreak"] = "starts only where a run of spaces starts",
        ["Sentences.LeadingMentions"] = "anchored at the start; each repetition begins at an @",
        ["Sentences.LeadingLabel"] = "anchored at the start, a word and a few characters",
        ["Sentences.Mention"] = "reads at most 33 characters from a start",
        ["PhoneNumbers.Candidate"] = "reads at most 185 characters from a start",
        ["PhoneNumbers.Group"] = "reads a candidate, at most 185 characters",
        ["PhoneNumbers.NotAPhoneBefore"] = "reads the 30 characters before a candidate, once per candidate",
        ["PhoneNumbers.NotAPhoneAfter"] = "anchored; reads the 10 characters after a candidate",
        ["PhoneNumbers.UsDotted"] = "anchored, fixed length",
        ["PhoneNumbers.FrenchDotted"] = "anchored, fixed length",
        ["BankNumbers.IbanCandidate"] = "reads at most 64 characters from a start",
        ["BankNumbers.CardCandidate"] = "reads at most 45 characters from a start",
        ["PiiScrubber.Email"] = "starts only where a run of address characters starts, or after an @",
        ["PiiScrubber.Username"] = "reads at most 33 characters from a start",
        ["FeedParser.LineInfo"] = "reads an XmlException's message once: anchored at its end, and names in it hold no spaces",
        ["BindingErrors.BindFailure"] = "anchored; reads a binding message of a request line, which Kestrel bounds (8 KB)",
        ["BindingErrors.MissingBody"] = "anchored; reads a binding message",
        ["BindingErrors.MissingParameter"] = "anchored; reads a binding message",
        ["BindingErrors.NullableName"] = "anchored; reads a type name",
        ["BindingErrors.QuotedName"] = "from a quote reads to the next one",
        ["Telemetry.BotToken"] = "from /bot reads to the next /",
        ["TopicValidation.IdFormat"] = "anchored, at most 50 characters",
        ["TopicValidation.NotSlug"] = "every match takes a whole run and succeeds",
        ["OrchestrationClient.InstanceIdFormat"] = "anchored, at most 200 characters",
        ["BotRegistry.TokenFormat"] = "anchored, at most 84 characters",
        ["LlmIds.Format"] = "anchored, at most 50 characters",
        ["ProviderValidation.DeploymentName"] = "anchored, at most 64 characters",
        ["CosmosQueryBuilder.SafeName"] = "anchored, at most 63 characters",
        ["SqliteSchema.SafeName"] = "anchored, at most 63 characters",
    };

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly Topic[] Topics = [new("deploy", "Deploy", "Releases and servers", ["deploy", "release"], ["status page"], Now, Now)];

    public static TheoryData<string> Texts => [.. AdversarialTexts.All.Select(t => t.Name)];

    [Fact]
    public void EveryPatternIsNonBacktrackingOrLinearForAWrittenReason()
    {
        var patterns = typeof(MessageAnalyzer).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .Select(method => (Name: $"{method.DeclaringType!.Name}.{method.Name}", Regex: (Regex)method.Invoke(null, null)!))
            .ToList();

        var backtracking = patterns.Where(p => !p.Regex.Options.HasFlag(RegexOptions.NonBacktracking)).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.True(patterns.Count > Backtracking.Count, "the patterns were found");
        Assert.Equal(Backtracking.Keys.Order(StringComparer.Ordinal), backtracking);
        Assert.All(patterns, p => Assert.Equal(Regex.InfiniteMatchTimeout, p.Regex.MatchTimeout));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task EveryAnalyserFinishesAnAdversarialTextOf64KB(string name)
    {
        var text = AdversarialTexts.Make(name, Length);

        await Task.Run(() =>
        {
            OfflineTopicClassifier.Classify(text, Topics);
            HashingEmbedder.Embed(text);
            new OfflineKnowledgeExtractor().ExtractAsync(new ExtractionBatch(new Sift.Messages.ChatKey(1, null), [new BatchMessage(1, Now, "A", "a", null, text, null)]), default).Wait();
            PiiScrubber.Scrub(text, usernames: true);
            Sentences.Split(text).ForEach(sentence => Sentences.Title(sentence));
            SearchSnippets.Around(text, SearchTerms.Of("deploy 1 a"));
        }).WaitAsync(Guard);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task TheScorerReadsTheBoundedPrefixOfAnAdversarialTextOf64KB(string name)
    {
        var message = SampleMessages.Text(1, 1, Now) with { Text = AdversarialTexts.Make(name, Length) };

        var score = await Task.Run(() => SignalScorer.Score(message, new ScoringContext([new RecentMessage("1:0", 0, message.Text)], 0))).WaitAsync(Guard);

        var cut = Assert.Single(score.Factors, f => f.Name == "text_cut");
        Assert.Equal($"the first {AnalysedText.MaxLength} of {Length} characters were analysed", cut.Detail);
        Assert.Equal(0, cut.Weight);
    }

    [Fact]
    public void TheCutDoesNotSplitASurrogatePair()
    {
        var text = new string('a', AnalysedText.MaxLength - 1) + "😀" + "b";

        Assert.Equal(new string('a', AnalysedText.MaxLength - 1), AnalysedText.Of(text));
        Assert.Same("short", AnalysedText.Of("short"));
    }
}
