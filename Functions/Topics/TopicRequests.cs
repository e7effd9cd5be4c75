using System.Text.RegularExpressions;
using Sift.Analysis;
using Sift.Api;

namespace Sift.Topics;

/// <param name="Id">Optional; derived from the name when absent (letters a-z, digits and hyphens).</param>
public sealed record CreateTopicRequest(string? Id, [property: System.ComponentModel.DataAnnotations.Required] string? Name, [property: MultiLineText] string? Description, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Phrases);

/// <summary>What a PATCH may change; a list given replaces the stored one.</summary>
[ImmutableFields("id")]
public sealed record UpdateTopicRequest(string? Name, [property: MultiLineText] string? Description, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Phrases);

/// <summary>The limits of a topic, checked field by field and reported all at once.</summary>
internal static partial class TopicValidation
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxTerms = 50;
    public const int MaxKeywordLength = 50;
    public const int MaxPhraseLength = 100;

    /// <summary>Every message is classified against every topic, and the classifier reads them all in one query.</summary>
    public const int MaxTopics = 200;

    public static string Id(string? requested, string name)
    {
        if (requested is not null)
        {
            return IdFormat().IsMatch(requested) && requested != TopicMatch.UncategorizedId
                ? requested
                : throw new ValidationException("id", $"id is 1-50 characters of a-z, 0-9 and '-', starting with a letter or digit, and not '{TopicMatch.UncategorizedId}'.");
        }

        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 50 ? slug[..50].TrimEnd('-') : slug;
        return slug.Length == 0 || slug == TopicMatch.UncategorizedId ? Guid.NewGuid().ToString("N")[..8] : slug;
    }

    public static Topic Check(Topic topic)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(topic.Name) || topic.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"name is required, at most {MaxNameLength} characters."];
        }

        if (topic.Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"description is at most {MaxDescriptionLength} characters."];
        }

        CheckTerms(errors, "keywords", topic.Keywords, MaxKeywordLength);
        CheckTerms(errors, "phrases", topic.Phrases, MaxPhraseLength);
        return errors.Count > 0 ? throw new ValidationException(errors) : topic;
    }

    /// <summary>Trimmed, blank ones dropped, duplicates (in any case) once.</summary>
    public static IReadOnlyList<string> Terms(IReadOnlyList<string>? terms) =>
        (terms ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).DistinctBy(t => t.ToLowerInvariant()).ToList();

    private static void CheckTerms(Dictionary<string, string[]> errors, string field, IReadOnlyList<string> terms, int maxLength)
    {
        if (terms.Count > MaxTerms || terms.Any(t => t.Length > maxLength))
        {
            errors[field] = [$"{field} holds at most {MaxTerms} entries of at most {maxLength} characters each."];
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex IdFormat();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
