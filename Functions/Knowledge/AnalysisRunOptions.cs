using System.ComponentModel.DataAnnotations;

namespace Sift.Knowledge;

/// <summary>Section <c>Analysis</c>: what a knowledge run reads and how it splits the work.</summary>
public sealed class AnalysisRunOptions : IValidatableObject
{
    public const string Section = "Analysis";
    public const long MaxTokenBudget = 100_000_000;

    /// <summary>A run without <c>since</c> reads this far back from <c>until</c>.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Below this many signal messages a run extracts nothing and says so.</summary>
    public int MinSignalMessages { get; set; } = 10;

    /// <summary>Estimated tokens (characters / 4) of the messages one extraction call reads.</summary>
    public int BatchTokenBudget { get; set; } = 1500;

    /// <summary>The longest window one run may cover; a longer one is refused (400).</summary>
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromDays(31);

    /// <summary>A run reads at most this many messages of its window, newest first, and reports when it stopped early.</summary>
    public int MaxMessages { get; set; } = 5000;

    /// <summary>Batches one ExtractBatch step sends to the extractor at once.</summary>
    public int ConcurrentBatches { get; set; } = 4;

    /// <summary>Model tokens one run may spend on extraction, unless the request gives its own; past it the run extracts no more batches and says so.</summary>
    public long RunTokenBudget { get; set; } = 200_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxWindow < TimeSpan.FromMinutes(1) || MaxWindow > TimeSpan.FromDays(366))
        {
            yield return new("Analysis:MaxWindow must be between 1 minute and 366 days.");
        }

        if (Lookback < TimeSpan.FromMinutes(1) || Lookback > MaxWindow)
        {
            yield return new("Analysis:Lookback must be at least 1 minute and at most Analysis:MaxWindow.");
        }

        if (MinSignalMessages is < 1 or > 100_000 || MaxMessages is < 1 or > 100_000)
        {
            yield return new("Analysis:MinSignalMessages and Analysis:MaxMessages must be between 1 and 100000.");
        }

        if (BatchTokenBudget is < 50 or > 200_000)
        {
            yield return new("Analysis:BatchTokenBudget must be between 50 and 200000.");
        }

        if (ConcurrentBatches is < 1 or > 16)
        {
            yield return new("Analysis:ConcurrentBatches must be between 1 and 16.");
        }

        if (RunTokenBudget is < 1 or > MaxTokenBudget)
        {
            yield return new($"Analysis:RunTokenBudget must be between 1 and {MaxTokenBudget}.");
        }
    }
}
