using Sift.Analysis;
using Sift.Analysis.Scoring;
using Sift.Messages;

namespace Sift.Tests.Analysis;

public sealed class SignalScorerTests
{
    private const string Report = "Staging migration took 47 minutes because the index on messages was built without CONCURRENTLY and blocked writes; I will rewrite it before the release on Friday.";

    [Fact]
    public void NearDuplicateOfARecentMessageLowersImportanceAndSaysSo()
    {
        var earlier = Message(1, Report.Replace("47", "45", StringComparison.Ordinal));
        var alone = SignalScorer.Score(Message(2, Report), ScoringContext.None);
        var repeated = SignalScorer.Score(Message(2, Report), new ScoringContext([Recent(earlier)], 0));

        Assert.True(repeated.Importance < alone.Importance, $"{repeated.Importance} < {alone.Importance}");
        var factor = Assert.Single(repeated.Factors, f => f.Name == "near_duplicate");
        Assert.True(factor.Weight < 0);
        Assert.DoesNotContain(alone.Factors, f => f.Name == "near_duplicate");
    }

    [Fact]
    public void AnEarlierVersionOfTheSameMessageIsNotADuplicate()
    {
        var score = SignalScorer.Score(Message(2, Report), new ScoringContext([Recent(Message(2, Report))], 0));

        Assert.DoesNotContain(score.Factors, f => f.Name == "near_duplicate");
    }

    [Fact]
    public void ARepeatOfAMessageWithALinkIsANearDuplicate()
    {
        const string withLink = "Release notes for 2.3 are up at https://example.com/releases/2.3 so please read them before the standup tomorrow";

        var score = SignalScorer.Score(Message(2, withLink), new ScoringContext([Recent(Message(1, withLink))], 0));

        Assert.Single(score.Factors, f => f.Name == "near_duplicate");
    }

    [Fact]
    public void ARecentMessageEditedSinceItWasScoredIsComparedAsItReadsNow()
    {
        SignalScorer.Score(Message(1, Report), ScoringContext.None);
        var edited = Message(1, "Lunch at noon today, anyone joining us at the usual place by the river?");

        var score = SignalScorer.Score(Message(2, Report), new ScoringContext([Recent(edited)], 0));

        Assert.DoesNotContain(score.Factors, f => f.Name == "near_duplicate");
    }

    [Fact]
    public void ABotSenderIsNoise()
    {
        var score = SignalScorer.Score(Message(1, Report) with { Sender = new SenderInfo("user", 9, "CI", "ci_bot", IsBot: true) }, ScoringContext.None);

        Assert.Equal(MessageClass.Noise, score.Class);
        Assert.Equal("bot_sender", score.Factors[0].Name);
    }

    [Fact]
    public void AServiceMessageIsNoise()
    {
        var score = SignalScorer.Score(Message(1, null) with { Kind = MessageKind.Service, ServiceAction = "new_chat_members" }, ScoringContext.None);

        Assert.Equal(MessageClass.Noise, score.Class);
        Assert.Equal("service_message", score.Factors[0].Name);
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("🔥🔥🔥")]
    [InlineData("😂 🙏")]
    public void AnEmojiOnlyMessageIsNoise(string text)
    {
        var score = SignalScorer.Score(Message(1, text), ScoringContext.None);

        Assert.Equal(MessageClass.Noise, score.Class);
        Assert.Equal("emoji_only", score.Factors[0].Name);
    }

    [Fact]
    public void AForwardedPromoWithAnInviteLinkIsSpam()
    {
        var promo = Message(1, "Make money online, 700$ a week 💰 join us 👉 t.me/+Abc123Def") with
        {
            Forward = new ForwardInfo("channel", null, null, "Promo", -100123, 5),
        };

        var score = SignalScorer.Score(promo, ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
        Assert.Equal("spam_pattern", score.Factors[0].Name);
        Assert.Contains("invite link", score.Factors[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("We should accept crypto payments through Stripe next quarter, what do you think?")]
    [InlineData("Бонус за квартал начислят вместе с зарплатой, подробности в https://wiki.example.com/hr/bonus")]
    [InlineData("Der Gewinn im dritten Quartal lag bei 12%, Details im Finanzbericht.")]
    public void AWorkMessageThatMentionsMoneyWordsIsNotSpam(string text)
    {
        var score = SignalScorer.Score(Message(1, text), ScoringContext.None);

        Assert.True(score.Class is MessageClass.Signal or MessageClass.HighQuality, $"{score.Class}");
    }

    [Theory]
    [InlineData("🔥 Заработок от 500$ в день без вложений! Пиши в личку @easy_money 💰💰")]
    [InlineData("💸 Gana dinero desde casa, bono del 200% 👉 t.me/+Promo2026")]
    public void PromotionIsSpamInOtherLanguagesToo(string text)
    {
        Assert.Equal(MessageClass.Spam, SignalScorer.Score(Message(1, text), ScoringContext.None).Class);
    }

    [Fact]
    public void AMessageWithManyRepliesGainsImportance()
    {
        var question = Message(1, "Does anyone know why the nightly export job stopped writing files to the archive bucket?");

        var unanswered = SignalScorer.Score(question, ScoringContext.None);
        var discussed = SignalScorer.Score(question, new ScoringContext([], 5));

        Assert.True(discussed.Importance > unanswered.Importance, $"{discussed.Importance} > {unanswered.Importance}");
        Assert.Contains(discussed.Factors, f => f.Name == "replies" && f.Weight > 0);
    }

    [Fact]
    public void FactorsAreOrderedByWeightAndTheFirstExplainsTheClass()
    {
        var acknowledgement = SignalScorer.Score(Message(1, "ok thanks!"), ScoringContext.None);
        var decision = SignalScorer.Score(Message(2, "Decided: we move the billing service to the new cluster on Monday, Anna owns the cut-over and the rollback plan."), ScoringContext.None);

        Assert.Equal(MessageClass.Noise, acknowledgement.Class);
        Assert.Equal("acknowledgement", acknowledgement.Factors[0].Name);
        Assert.Equal(MessageClass.HighQuality, decision.Class);
        Assert.Contains(decision.Factors, f => f.Name == "decision" && f.Weight > 0);
        Assert.All(new[] { acknowledgement, decision }, s =>
            Assert.Equal(s.Factors.OrderByDescending(f => Math.Abs(f.Weight)).Select(f => f.Weight), s.Factors.Select(f => f.Weight)));
    }

    [Fact]
    public void ImportanceRanksTheClassesInOrder()
    {
        var scores = LabelledMessages.All.Select(c => SignalScorer.Score(c.Message, c.Context)).ToList();

        Assert.All(scores, s => Assert.InRange(s.Importance, 0, 1));
        var lowestOf = scores.GroupBy(s => s.Class).ToDictionary(g => g.Key, g => g.Min(s => s.Importance));
        var highestOf = scores.GroupBy(s => s.Class).ToDictionary(g => g.Key, g => g.Max(s => s.Importance));
        Assert.True(lowestOf[MessageClass.HighQuality] >= highestOf[MessageClass.Signal]);
        Assert.True(lowestOf[MessageClass.Signal] >= highestOf[MessageClass.LowQuality]);
        Assert.True(lowestOf[MessageClass.LowQuality] >= highestOf[MessageClass.Noise]);
        Assert.True(lowestOf[MessageClass.LowQuality] >= highestOf[MessageClass.Spam]);
    }

    [Fact]
    public void ScoringIsDeterministic()
    {
        var first = LabelledMessages.All.Select(c => SignalScorer.Score(c.Message, c.Context)).ToList();
        var second = LabelledMessages.All.Select(c => SignalScorer.Score(c.Message, c.Context)).ToList();

        Assert.Equal(first.Select(s => (s.Importance, s.Class)), second.Select(s => (s.Importance, s.Class)));
        Assert.Equal(first.SelectMany(s => s.Factors), second.SelectMany(s => s.Factors));
    }

    private static RecentMessage Recent(MessageDocument message) => new(message.Id, message.MessageId, message.Text);

    private static MessageDocument Message(long id, string? text) => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(-42, null), id),
        ChatId = -42,
        MessageId = id,
        Date = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddMinutes(id),
        Kind = MessageKind.Text,
        Text = text,
        Chat = new ChatInfo(-42, "supergroup", "Team", null),
        Sender = new SenderInfo("user", 7, "Alice", "alice", false),
        Source = "test",
    };
}
