using Sift.Api;
using Sift.Messages;
using Sift.Orchestration;

namespace Sift.Analysis;

/// <summary>Which messages to analyse again: all of them, or one chat's, within an optional window.</summary>
public sealed record ReanalyzeRequest(ChatKey? ChatId, DateTimeOffset? Since, DateTimeOffset? Until)
{
    public MessageFilter Filter()
    {
        if (Since is { } since && Until is { } until && since >= until)
        {
            throw new ValidationException("since", "since must be before until.");
        }

        return new MessageFilter(ChatId, Since, Until);
    }

    /// <summary>One reanalysis per chat (or of everything) at a time.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string InstanceId => $"reanalyze-{(ChatId is { } chat ? chat.ToString() : "all")}";
}

/// <summary>Where a reanalysis is: the list page it reads next.</summary>
public sealed record ReanalysisState(int Page, string? Continuation, long Total);

/// <summary>What one page did.</summary>
public sealed record ReanalysisPage(int Examined, int Reanalysed);

/// <summary>What a reanalysis did, in its output.</summary>
public sealed record ReanalysisOutput(long Examined, long Reanalysed, long Unchanged);

/// <summary>
/// The <c>reanalyze</c> orchestration, for after the analyzer or the topics change: <c>count</c>
/// the messages it covers (for progress), then <c>analyze-page</c> through them a page at a time
/// through the one analysis path, which leaves a message whose analysis is current as it is. Each
/// page writes its own result, so a redone page never counts twice.
/// </summary>
internal sealed class Reanalysis(MessageStore messages, MessageAnalyzer analyzer) : IOrchestrator
{
    public const string Name = "reanalyze";
    public const string Count = "count";
    private const string AnalyzePage = "analyze-page";
    private const int PageSize = 100;

    public async Task<StepResult> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        var filter = context.Input<ReanalyzeRequest>().Filter();
        if (context.Step == Count)
        {
            var total = await messages.CountAsync(filter, cancellationToken);
            return StepResult.Next(AnalyzePage, new ReanalysisState(0, null, total), new OrchestrationProgress(0, total, $"{total} messages to examine."));
        }

        var state = context.State<ReanalysisState>()!;
        var page = await messages.ListAsync(filter, PageSize, state.Continuation, cancellationToken);
        var reanalysed = 0;
        foreach (var message in page.Items)
        {
            reanalysed += (await analyzer.AnalyzeAsync(message, cancellationToken)).Changed ? 1 : 0;
        }

        await context.Results.AddOnceAsync(OrchestrationResults.Key(state.Page), new ReanalysisPage(page.Items.Count, reanalysed), cancellationToken);
        var done = context.Instance.Progress.Done + page.Items.Count;
        var progress = new OrchestrationProgress(done, Math.Max(state.Total, done), $"{done} messages examined.");
        if (page.Continuation is { } next)
        {
            return StepResult.Next(AnalyzePage, state with { Page = state.Page + 1, Continuation = next }, progress);
        }

        var pages = await context.Results.ListAsync<ReanalysisPage>(cancellationToken);
        var output = new ReanalysisOutput(pages.Sum(p => p.Examined), pages.Sum(p => p.Reanalysed), pages.Sum(p => p.Examined - p.Reanalysed));
        return StepResult.Complete(output, progress with { Note = $"Done: {output.Examined} examined, {output.Reanalysed} reanalysed, {output.Unchanged} already current." });
    }
}
