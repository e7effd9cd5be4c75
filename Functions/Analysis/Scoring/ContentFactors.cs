using System.Globalization;
using Sift.Messages;

namespace Sift.Analysis.Scoring;

/// <summary>
/// The factors that measure what a text holds, each with the weight it adds to a message's importance:
/// substance (content words), decisions, requests with an owner and a date, problems, explanations and fixes,
/// specifics (code, numbers, times, versions, tickets, dates), questions, links, mentions and replies;
/// and what takes from it: a repeat of a recent message, shouting, a row of emoji.
/// </summary>
internal static class ContentFactors
{
    /// <summary>Content words at which substance stops adding.</summary>
    private const int FullSubstance = 25;

    public static List<AnalysisFactor> Of(MessageText text, int contentWords, int replies, (RecentMessage Message, double Similarity)? duplicate)
    {
        var factors = new List<AnalysisFactor>();
        void Add(bool present, double weight, string name, string? detail = null)
        {
            if (present && weight != 0)
            {
                factors.Add(new AnalysisFactor(name, Math.Round(weight, 2), detail));
            }
        }

        string Words(List<string> found) => string.Join(", ", found);

        Add(true, 0.3 * Math.Min(1.0, (double)contentWords / FullSubstance), "substance", Invariant($"{contentWords} content words"));
        var decisions = WorkVocabulary.Decisions.FoundIn(text);
        Add(decisions.Count > 0, 0.2, "decision", Words(decisions));
        var requests = WorkVocabulary.Requests.FoundIn(text);
        var dates = ChatVocabulary.Dates.FoundIn(text);
        Add(requests.Count > 0, 0.08, "request", Words(requests));
        Add(text.Mentions > 0 && (requests.Count > 0 || dates.Count > 0), 0.15, "action_item", "a task with an owner");
        Add(text.Mentions == 0 && requests.Count > 0 && dates.Count > 0, 0.06, "due_date", Words(dates));
        var problems = WorkVocabulary.Problems.FoundIn(text);
        Add(problems.Count > 0, 0.1, "problem", Words(problems));
        var resolutions = WorkVocabulary.Resolutions.FoundIn(text);
        Add(resolutions.Count > 0, 0.1, "resolution", Words(resolutions));
        var specifics = text.Specifics.Concat(dates.Count > 0 ? ["date"] : Array.Empty<string>()).ToList();
        Add(specifics.Count > 0, Math.Min(0.12, 0.04 * specifics.Count), "specifics", Words(specifics));
        Add(text.IsQuestion && contentWords >= 2, 0.05, "question");
        Add(text.Links is > 0 and < 3, 0.04, "link");
        Add(text.Links >= 3, -0.1, "many_links", Invariant($"{text.Links} links"));
        Add(text.Mentions > 0, 0.04, "mention");
        Add(replies > 0, 0.05 * replies, "replies", Invariant($"{replies} replies"));
        Add(duplicate is not null, -0.3, "near_duplicate", duplicate is { } d ? Invariant($"of message {d.Message.MessageId}, similarity {d.Similarity:0.00}") : null);
        Add(text.Emoji >= 4, -0.05, "many_emoji", Invariant($"{text.Emoji} emoji"));
        Add(text.Commands > 0, -0.05, "bot_command");
        return factors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
