using System.Globalization;
using Sift.Analysis;
using Sift.Analysis.Offline;

namespace Sift.Tests.Knowledge;

public sealed class OfflineKnowledgeExtractorTests
{
    // A Tuesday.
    private static readonly DateTimeOffset Said = DateTimeOffset.Parse("2026-03-10T09:00:00Z", CultureInfo.InvariantCulture);
    private readonly OfflineKnowledgeExtractor extractor = new();

    [Theory]
    [InlineData("We decided to use Postgres for the event store.", AtomKind.Decision, 0.9)]
    [InlineData("Let's go with the blue theme.", AtomKind.Decision, 0.75)]
    [InlineData("Договорились: релиз в четверг.", AtomKind.Decision, 0.9)]
    [InlineData("Wir haben entschieden, Kafka zu nehmen.", AtomKind.Decision, 0.9)]
    [InlineData("How do we rotate the API keys without downtime?", AtomKind.Question, 0.9)]
    [InlineData("Кто знает, как откатить миграцию?", AtomKind.Question, 0.9)]
    [InlineData("The build fails with an exception in the parser.", AtomKind.Problem, 0.8)]
    [InlineData("Экспорт не работает после обновления.", AtomKind.Problem, 0.8)]
    [InlineData("TIL the emulator ignores composite indexes.", AtomKind.Insight, 0.9)]
    [InlineData("Оказывается, вебхук ретраит из-за медленного health check.", AtomKind.Insight, 0.8)]
    [InlineData("Resulta que el caché nunca expiraba.", AtomKind.Insight, 0.8)]
    public async Task EachCueMakesItsKindWithConfidenceByHowExplicitItIs(string text, AtomKind kind, double confidence)
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, text)));

        Assert.Equal((kind, confidence), (atom.Kind, atom.Confidence));
        Assert.Equal([1L], atom.SourceMessageIds);
    }

    [Fact]
    public async Task AnImperativeToAMentionIsAnActionItemForThatPersonDueOnTheNamedWeekday()
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, "@bob please prepare the release notes by Friday.")));

        Assert.Equal(AtomKind.ActionItem, atom.Kind);
        Assert.Equal("@bob", atom.Owner);
        Assert.Equal(new DateOnly(2026, 3, 13), atom.DueDate);
        Assert.Equal("Prepare the release notes by Friday", atom.Title);
        Assert.Equal("@bob please prepare the release notes by Friday.", atom.Content);
    }

    [Fact]
    public async Task ARussianRequestWithAMentionIsAnActionItemDueFriday()
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, "@ivan пожалуйста, подготовь отчёт до пятницы.")));

        Assert.Equal((AtomKind.ActionItem, "@ivan", new DateOnly(2026, 3, 13)), (atom.Kind, atom.Owner, atom.DueDate));
    }

    [Fact]
    public async Task ARequestInAReplyIsOwnedByTheAddresseeAndTomorrowIsResolvedAgainstTheMessageDate()
    {
        var atoms = await ExtractAsync(Message(5, "Who has the key rotation runbook?", sender: "dave"), Message(9, "Can you share it tomorrow?", replyTo: 5, sender: "frank"));

        var action = Assert.Single(atoms, a => a.Kind == AtomKind.ActionItem);
        Assert.Equal(("@dave", new DateOnly(2026, 3, 11)), (action.Owner, action.DueDate));
    }

    [Theory]
    [InlineData("TODO: update the onboarding guide.", "@bob", null)]
    [InlineData("I'll send the invoice on 2026-04-01.", "@bob", "2026-04-01")]
    [InlineData("Send the contract by 15.04.2026 please.", null, "2026-04-15")]
    [InlineData("Проверьте бэкапы завтра, пожалуйста.", null, "2026-03-11")]
    [InlineData("Bitte schick den Bericht bis Montag.", null, "2026-03-16")]
    [InlineData("Por favor revisa el informe hoy.", null, "2026-03-10")]
    public async Task TasksTakeTheirOwnerAndDueDateFromWhatTheSentenceSays(string text, string? owner, string? due)
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, text, sender: owner is null ? "" : "bob")));

        Assert.Equal(AtomKind.ActionItem, atom.Kind);
        Assert.Equal(owner, owner is null ? null : atom.Owner);
        Assert.Equal(due is null ? null : DateOnly.Parse(due, CultureInfo.InvariantCulture), atom.DueDate);
    }

    [Fact]
    public async Task AReplyThatFixesAProblemIsASolutionCitingBoth()
    {
        var atoms = await ExtractAsync(
            Message(1, "The deploy fails with a timeout error on the migration."),
            Message(2, "Restart the migration job with a longer lock timeout, that fixed it.", replyTo: 1));

        var solution = Assert.Single(atoms, a => a.Kind == AtomKind.Solution);
        Assert.Equal([1L, 2L], solution.SourceMessageIds);
        Assert.Equal("Restart the migration job with a longer lock timeout", solution.Title);
        Assert.Single(atoms, a => a.Kind == AtomKind.Problem);
    }

    [Theory]
    [InlineData("No errors after the rollback.")]
    [InlineData("The errors are gone since the restart.")]
    [InlineData("It no longer crashes on start.")]
    [InlineData("После отката ошибки ушли.")]
    [InlineData("Больше не падает.")]
    [InlineData("Ошибок больше нет, всё чисто.")]
    [InlineData("Після відкату більше немає помилок.")]
    public async Task AFaultThatWentAwayIsNoProblem(string text) =>
        Assert.DoesNotContain(await ExtractAsync(Message(1, text)), a => a.Kind == AtomKind.Problem);

    [Theory]
    [InlineData("No errors after the rollback.")]
    [InlineData("После отката ошибки ушли.")]
    [InlineData("Більше не падає після оновлення.")]
    public async Task AFaultThatWentAwayInAReplyToAProblemIsItsSolution(string reply)
    {
        var atoms = await ExtractAsync(Message(1, "The deploy fails with a timeout error."), Message(2, reply, replyTo: 1));

        var solution = Assert.Single(atoms, a => a.Kind == AtomKind.Solution);
        Assert.Equal(0.8, solution.Confidence);
        Assert.Equal([1L, 2L], solution.SourceMessageIds);
        Assert.Equal([1L], Assert.Single(atoms, a => a.Kind == AtomKind.Problem).SourceMessageIds);
    }

    [Theory]
    [InlineData("No errors in the log, but the export still crashes.")]
    [InlineData("Ошибок нет, но экспорт всё равно падает.")]
    [InlineData("The service doesn't work anymore.")]
    [InlineData("Больше не работает.")]
    public async Task AFaultThatStandsBesideOneThatWentAwayIsStillAProblem(string text) =>
        Assert.Equal(AtomKind.Problem, Assert.Single(await ExtractAsync(Message(1, text))).Kind);

    [Theory]
    [InlineData("TODO: Boris to migrate the billing database.", "Boris")]
    [InlineData("Boris, please migrate the billing database by Friday.", "Boris")]
    [InlineData("Anna will check the backups tomorrow.", "Anna")]
    [InlineData("@anna please check the backups.", "@anna")]
    [InlineData("Борис, сделай миграцию базы до пятницы.", "Борис")]
    [InlineData("TODO: Ольга to prepare the report.", "Ольга")]
    [InlineData("Богдане, перевір бекапи завтра.", "Богдане")]
    public async Task AnActionItemIsOwnedByThePersonItNamesNotTheSender(string text, string owner)
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, text, sender: "carol")));

        Assert.Equal((AtomKind.ActionItem, owner), (atom.Kind, atom.Owner));
    }

    [Theory]
    [InlineData("Guys, please check the backups by Friday.")]
    [InlineData("Коллеги, проверьте бэкапы до пятницы.")]
    public async Task AGroupAddressedIsNoOwnerSoTheSenderAsksForIt(string text) =>
        Assert.Equal("@carol", Assert.Single(await ExtractAsync(Message(1, text, sender: "carol"))).Owner);

    [Theory]
    [InlineData(
        "We decided to move the whole reporting pipeline from the old MySQL cluster to Postgres after the incident review on Monday.",
        "We decided to move the whole reporting pipeline…")]
    [InlineData(
        "Мы решили перенести весь конвейер отчётов со старого кластера MySQL на Postgres после разбора инцидента.",
        "Мы решили перенести весь конвейер отчётов со старого…")]
    [InlineData("Boris, please migrate the billing database by Friday.", "Migrate the billing database by Friday")]
    [InlineData("Борис, пожалуйста, сделай миграцию базы до пятницы.", "Сделай миграцию базы до пятницы")]
    public async Task TitlesAreAFewWordsCutAtAWordBoundaryAndTheContentKeepsTheSentence(string text, string title)
    {
        var atom = Assert.Single(await ExtractAsync(Message(1, text)));

        Assert.Equal(title, atom.Title);
        Assert.True(atom.Title.Length <= AtomTitles.MaxLength + 1);
        Assert.Equal(text, atom.Content);
    }

    [Fact]
    public async Task SmallTalkHoldsNoKnowledge() =>
        Assert.Empty(await ExtractAsync(Message(1, "Good morning everyone"), Message(2, "Nice weather today :)")));

    [Fact]
    public void TitlesAreTheFirstClauseWithinEightyCharacters()
    {
        Assert.Equal("We moved the meeting", Sentences.Title("We moved the meeting, because Bob is away."));
        var title = Sentences.Title(string.Join(' ', Enumerable.Repeat("word", 40)));
        Assert.True(title.Length <= Sentences.MaxTitleLength);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("by Friday", "2026-03-13")]
    [InlineData("on Tuesday", "2026-03-17")]
    [InlineData("до понедельника", "2026-03-16")]
    [InlineData("до п'ятниці", "2026-03-13")]
    [InlineData("bis Mittwoch", "2026-03-11")]
    [InlineData("para el viernes", "2026-03-13")]
    [InlineData("by end of week", "2026-03-13")]
    [InlineData("послезавтра", "2026-03-12")]
    public void DueDatesResolveAgainstTheDayTheyWereSaid(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), DueDates.Find(text, Said));

    private async Task<IReadOnlyList<ExtractedAtom>> ExtractAsync(params BatchMessage[] messages) =>
        (await extractor.ExtractAsync(new ExtractionBatch(new Sift.Messages.ChatKey(1, null), messages), default)).Atoms;

    private static BatchMessage Message(long id, string text, long? replyTo = null, string sender = "alice") =>
        new(id, Said.AddMinutes(id), sender.Length == 0 ? null : sender, sender.Length == 0 ? null : sender, replyTo, text, "ops");
}
