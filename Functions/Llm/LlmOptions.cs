using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Sift.Llm;

/// <summary>Section <c>Llm</c>: which agent serves each purpose, and how text is scrubbed before it leaves.</summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>The value of an agent setting that keeps the offline analyzer.</summary>
    public const string Offline = "offline";

    public AgentSettings Agents { get; set; } = new();

    /// <summary>Also replace @usernames with placeholders before text reaches a model (emails, phones, cards and IBANs always are).</summary>
    public bool ScrubUsernames { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        from purpose in Enum.GetValues<AgentPurpose>()
        let value = Agents.For(purpose)
        where !IsOffline(value) && !LlmIds.IsValid(value)
        select new ValidationResult(
            $"Llm:Agents:{purpose} must be '{Offline}' or an agent id (1-50 characters of a-z, 0-9 and '-').", [$"Agents.{purpose}"]);

    public static bool IsOffline(string? value) => string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), Offline, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section <c>Llm:Agents</c>: an agent id per purpose, or <c>offline</c>.</summary>
public sealed class AgentSettings
{
    public string Classify { get; set; } = LlmOptions.Offline;

    public string Extract { get; set; } = LlmOptions.Offline;

    public string Embed { get; set; } = LlmOptions.Offline;

    /// <returns>The configured agent id, or null when the offline analyzer serves <paramref name="purpose"/>.</returns>
    public string? AgentFor(AgentPurpose purpose) => For(purpose) is var value && LlmOptions.IsOffline(value) ? null : value.Trim();

    internal string For(AgentPurpose purpose) => purpose switch
    {
        AgentPurpose.Classify => Classify,
        AgentPurpose.Extract => Extract,
        AgentPurpose.Embed => Embed,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };
}

/// <summary>Provider and agent ids: what settings and URLs name them by.</summary>
public static partial class LlmIds
{
    public const string Rule = "1-50 characters of a-z, 0-9 and '-', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && Format().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex Format();
}
