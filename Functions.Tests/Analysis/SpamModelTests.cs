using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Analysis.Scoring;
using Sift.Messages;

namespace Sift.Tests.Analysis;

/// <summary>
/// Spam as it hides in real chats, and work talk that must not look like it, through the scorer with
/// the shipped model. None of these texts is in the model's training data.
/// </summary>
public sealed class SpamModelTests
{
    private static readonly string[] SpamFactors = ["spam_pattern", "model_spam"];

    [Theory]
    [InlineData("Зapaбoтoк oт 7000 в дeнь бeз oпытa, всё рaсскaжу, пишитe в личку")] // Latin a, o, e inside Cyrillic words
    [InlineData("Нужны люди нa удaлённую рaботу, оплaтa кaждый день, подробности в ЛС")]
    [InlineData("Еаrn moneу from hоme, no ехperience needed, message me")] // Cyrillic Е, а, у, о, х inside English words
    public void LookAlikeLettersDoNotHideSpam(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
        Assert.Contains(score.Factors, f => SpamFactors.Contains(f.Name));
    }

    [Theory]
    [InlineData("🔥🔥🔥💰💰💰🚀🚀🚀 EARN $5000 PER WEEK FROM HOME 🚀🚀🚀💰💰💰🔥🔥🔥")]
    [InlineData("FREE iPhone giveaway 🎁🎁🎁 just pay shipping and enter your card details today 👉👉👉")]
    public void EmojiWallSpamIsSpam(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
    }

    [Theory]
    [InlineData("FREE entry to win a weekly £1000 prize! Text WIN to 87077 now. txt STOP to 87077 to opt out")]
    [InlineData("Ur weekly horoscope is ready! Txt STAR to 85023 to get it, £1.50/week, txt STOP to end")] // a premium-rate subscription: a keyword to a short code, a price per week
    public void SmsStyleSpamIsSpam(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
    }

    [Theory]
    [InlineData("Сᴩᴏчнᴏ нужны люди нa удaлёнку, ᴏплaтa ᴏт 5000₽ в день, пишитe в ЛС")] // small capitals and Latin letters inside Cyrillic words
    [InlineData("ТРЕБУЮТСЯ СОТРУДНИКИ! Зaрaбoтoк oт 3000р в дeнь, oбучeниe бeсплaтнo 👉 @job_fast")]
    public void LookAlikeRussianJobScamIsSpam(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
        Assert.Contains(score.Factors, f => SpamFactors.Contains(f.Name));
    }

    [Theory]
    [InlineData("Call me when you land, I'll pick you up from arrivals")]
    [InlineData("Can you text me the door code? I think it's 4821 but not sure")]
    [InlineData("I paid £25 for the tickets, send me your half when you can")]
    [InlineData("Зарплату перечислили, проверьте, у кого не пришло — пишите Оле")]
    [InlineData("The build on main fails again: TestIO in the IOException handler, looking at it now")]
    public void OrdinaryChatIsNotSpam(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.NotEqual(MessageClass.Spam, score.Class);
    }

    [Fact]
    public void InviteLinkSpamIsSpamAndSaysWhy()
    {
        var score = SignalScorer.Score(Message("Закрытый канал с сигналами, плюс 30% в неделю 👉 t.me/+Qw3rTy9ZxK0"), ScoringContext.None);

        Assert.Equal(MessageClass.Spam, score.Class);
        Assert.Contains(score.Factors, f => SpamFactors.Contains(f.Name) && f.Weight < 0 && !string.IsNullOrEmpty(f.Detail));
    }

    [Theory]
    [InlineData("After the rollback the 502s are gone, but p99 latency on /api/search is still 1.8 s; I suspect the new index on messages")]
    [InlineData("Can someone review my PR? It moves the payment webhook retries to the queue and adds a test for duplicate deliveries")]
    [InlineData("После обновления nginx до 1.25 воркеры падают с segfault, откатил на 1.24, смотрю core dump")]
    [InlineData("Кто может посмотреть мой PR по оплате? Там ретраи вебхука переехали в очередь")]
    [InlineData("Після оновлення бази запити до таблиці замовлень виконуються по 3 секунди, треба додати індекс")]
    [InlineData("Домовились: реліз у п'ятницю, я підготую міграцію та план відкату до четверга")]
    public void TechnicalTalkStaysSignal(string text)
    {
        var score = SignalScorer.Score(Message(text), ScoringContext.None);

        Assert.True(score.Class is MessageClass.Signal or MessageClass.HighQuality, $"{score.Class}: {string.Join("; ", score.Factors)}");
        Assert.DoesNotContain(score.Factors, f => f.Name == "model_spam");
    }

    [Fact]
    public void NormalizerFoldsWhatSpamUsesToHideItsWords()
    {
        var normalized = ChatNormalizer.Normalize("ＦＲＥＥ 𝐜𝐚𝐬𝐡 fr\u200Bee");
        var folded = new char[9];

        var mixed = ChatNormalizer.FoldWord("зapaбoткa", folded);

        Assert.Equal("FREE cash free", normalized);
        Assert.True(mixed);
        Assert.Equal("заработка", new string(folded));
    }

    [Fact]
    public void NormalizerFoldsSmallCapitalsAndCountsStyledLetters()
    {
        var normalized = ChatNormalizer.Normalize("Сᴩᴏчнᴏ ʍᴇжду ＦＲＥＥ", out var styled);
        var folded = new char[8];

        ChatNormalizer.FoldWord("TeIegram", folded);

        Assert.Equal("Срoчнo мeжду FREE", normalized); // Latin o and e left for FoldWord, which reads each word in its script
        Assert.Equal(9, styled);
        Assert.Equal("telegram", new string(folded));
    }

    private static MessageDocument Message(string text) => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(-42, null), 1),
        ChatId = -42,
        MessageId = 1,
        Date = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Kind = MessageKind.Text,
        Text = text,
        Chat = new ChatInfo(-42, "supergroup", "Team", null),
        Sender = new SenderInfo("user", 7, "Alice", "alice", false),
        Source = "test",
    };
}
