using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Topics;

namespace Sift.Tests.Analysis;

public sealed class OfflineTopicClassifierTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("После деплоя упал сервер")]
    [InlineData("Что не так с деплоем?")]
    [InlineData("Два деплоя подряд сломали прод")]
    [InlineData("Після деплою все працює")]
    public void InflectedRussianAndUkrainianFormsMatchAKeyword(string text)
    {
        var topics = new[] { Topic("deploy", "Deploy", ["деплой"]) };

        Assert.Equal("deploy", OfflineTopicClassifier.Classify(text, topics)[0].TopicId);
    }

    [Theory]
    [InlineData("We are deploying the fix now")]
    [InlineData("Two invoices were sent twice")]
    [InlineData("The candidates interviewed yesterday")]
    public void EnglishInflectionsMatchAKeyword(string text)
    {
        var topics = new[] { Topic("deploy", "Ops", ["deploy"]), Topic("billing", "Money", ["invoice"]), Topic("hiring", "People", ["candidate"]) };

        Assert.NotEqual(TopicMatch.UncategorizedId, OfflineTopicClassifier.Classify(text, topics)[0].TopicId);
    }

    [Fact]
    public void APhraseMatchesAsAWordSequenceOnly()
    {
        var topics = new[] { Topic("ui", "Look", [], ["dark mode"]) };

        Assert.Equal("ui", OfflineTopicClassifier.Classify("The dark mode toggle is gone", topics)[0].TopicId);
        Assert.Equal(TopicMatch.UncategorizedId, OfflineTopicClassifier.Classify("This mode is too dark", topics)[0].TopicId);
    }

    [Fact]
    public void NothingMatchingGivesUncategorized()
    {
        var match = Assert.Single(OfflineTopicClassifier.Classify("Lunch at noon?", SampleTopics.All));

        Assert.Equal(TopicMatch.UncategorizedId, match.TopicId);
        Assert.Equal("Uncategorized", match.Name);
    }

    [Fact]
    public void ReturnsAtMostThreeTopicsHighestConfidenceFirst()
    {
        var text = "After the deploy the invoice page shows the candidate's password and the button is broken";

        var matches = OfflineTopicClassifier.Classify(text, SampleTopics.All);

        Assert.Equal(3, matches.Count);
        Assert.Equal(matches.OrderByDescending(m => m.Confidence).Select(m => m.Confidence), matches.Select(m => m.Confidence));
        Assert.All(matches, m => Assert.InRange(m.Confidence, 0.0, 1.0));
    }

    [Fact]
    public async Task MoreMatchingTermsGiveHigherConfidence()
    {
        var classifier = new OfflineTopicClassifier();
        var topics = new[] { Topic("billing", "Billing", ["invoice", "refund", "stripe"]) };

        var one = await classifier.ClassifyAsync("Where is the invoice?", topics, CancellationToken.None);
        var three = await classifier.ClassifyAsync("Stripe refunded the invoice", topics, CancellationToken.None);

        Assert.True(three[0].Confidence > one[0].Confidence);
    }

    private static Topic Topic(string id, string name, string[] keywords, string[]? phrases = null) =>
        new(id, name, null, keywords, phrases ?? [], Created, Created);
}
