using System.Globalization;
using Sift.Analysis;
using Sift.Knowledge;
using Sift.Messages;

namespace Sift.Tests.Knowledge;

public sealed class AtomMergerTests
{
    private static readonly DateTimeOffset Said = DateTimeOffset.Parse("2026-03-10T09:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("How do we rotate the API keys without downtime?", "How can we rotate API keys with no downtime?", "Anyone know how to rotate the API keys without downtime?")]
    [InlineData("Кто знает, как откатить миграцию базы?", "Как откатить миграцию базы?", "Подскажите, как откатывать миграции базы?")]
    [InlineData("Як відкотити міграцію бази?", "Хто знає, як відкотити міграцію бази?", "Чи можна відкотити міграцію бази?")]
    public void QuestionsAskingTheSameInOtherWordsMergeCitingEveryMessage(string first, string second, string third)
    {
        var merged = AtomMerger.Merge(new ChatKey(1, null), [Question(1, first), Question(2, second), Question(3, third)]);

        var atom = Assert.Single(merged).Atom;
        Assert.Equal([1L, 2L, 3L], atom.SourceMessageIds);
        Assert.Equal(first, atom.Content);
    }

    [Theory]
    [InlineData("How do we rotate the API keys without downtime?", "How do we rotate the database passwords?")]
    [InlineData("Как откатить миграцию базы?", "Как ускорить сборку проекта?")]
    public void DifferentQuestionsStayApart(string first, string second) =>
        Assert.Equal(2, AtomMerger.Merge(new ChatKey(1, null), [Question(1, first), Question(2, second)]).Count);

    [Fact]
    public void ProblemsAreMergedByTitleOnlySoTwoFaultsOfOneJobStayTwo() =>
        Assert.Equal(2, AtomMerger.Merge(new ChatKey(1, null),
        [
            Atom(AtomKind.Problem, 1, "Export crashes on large chats", "The export job crashes on large chats."),
            Atom(AtomKind.Problem, 2, "Export job times out", "The export job times out on large chats."),
        ]).Count);

    /// <summary>Titles as the extractor makes them: the question's first words.</summary>
    private static CandidateAtom Question(long id, string content) =>
        Atom(AtomKind.Question, id, content.TrimEnd('?'), content);

    private static CandidateAtom Atom(AtomKind kind, long id, string title, string content) =>
        new(kind, title, content, 0.9, "ops", null, null, [id], Said.AddMinutes(id));
}
