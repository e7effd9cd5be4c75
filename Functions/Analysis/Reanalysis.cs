using Sift.Api;
using Sift.Messages;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
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

/// <summary>What one page did, and where the next begins.</summary>
public sealed record ReanalysisPage(int Examined, int Reanalysed, string? Continuation);

/// <summary>A page of a reanalysis: the filter and where the page begins.</summary>
public sealed record ReanalysisPageRequest(ReanalyzeRequest Request, string? Continuation);

/// <summary>What a reanalysis did, in its output; also what it carries when it continues as new.</summary>
public sealed record ReanalysisOutput(long Examined, long Reanalysed, long Unchanged);

/// <summary>A reanalysis under way, carried from one execution to the next.</summary>
public sealed record ReanalysisRun(ReanalyzeRequest Request, long Total, string? Continuation, ReanalysisOutput Tally);

/// <summary>
/// The <c>reanalyze</c> orchestration, for after the analyzer or the topics change: <see cref="CountMessages"/> covered
/// (for progress), then <see cref="ReanalyzePage"/> through them a page at a time through the one analysis path, which
/// leaves a message whose analysis is current as it is (so a page redone after a crash changes nothing twice).
/// </summary>
internal sealed class Reanalysis(IOptions<OrchestrationOptions> options) : TaskOrchestrator<ReanalysisRun, ReanalysisOutput>
{
    public const string Name = "reanalyze";
    private const int PagesPerExecution = 50;

    public override async Task<ReanalysisOutput> RunAsync(TaskOrchestrationContext context, ReanalysisRun run)
    {
        var retries = options.Value.Retries();
        if (run.Total < 0)
        {
            var total = await Activity.CallAsync<long>(context, nameof(CountMessages), run.Request, "Counting the messages", retries);
            run = run with { Total = total };
            context.SetCustomStatus(new OrchestrationProgress(0, total, $"{total} messages to examine."));
        }

        for (var pages = 1; ; pages++)
        {
            var page = await Activity.CallAsync<ReanalysisPage>(context, nameof(ReanalyzePage), new ReanalysisPageRequest(run.Request, run.Continuation),
                "Reanalysing a page of messages", retries);
            var tally = run.Tally;
            tally = new ReanalysisOutput(tally.Examined + page.Examined, tally.Reanalysed + page.Reanalysed, tally.Unchanged + page.Examined - page.Reanalysed);
            run = run with { Continuation = page.Continuation, Tally = tally };
            var progress = new OrchestrationProgress(tally.Examined, Math.Max(run.Total, tally.Examined), $"{tally.Examined} messages examined.");
            if (page.Continuation is null)
            {
                context.SetCustomStatus(progress with { Note = $"Done: {tally.Examined} examined, {tally.Reanalysed} reanalysed, {tally.Unchanged} already current." });
                return tally;
            }

            context.SetCustomStatus(progress);
            if (pages == PagesPerExecution)
            {
                context.ContinueAsNew(run);
                return null!;
            }
        }
    }

    public static ReanalysisRun Start(ReanalyzeRequest request) => new(request, -1, null, new ReanalysisOutput(0, 0, 0));
}

/// <summary>How many messages a reanalysis covers.</summary>
internal sealed class CountMessages(MessageStore messages) : TaskActivity<ReanalyzeRequest, long>
{
    public override Task<long> RunAsync(TaskActivityContext context, ReanalyzeRequest request) => messages.CountAsync(request.Filter(), CancellationToken.None);
}

/// <summary>Analyses one page of messages again.</summary>
internal sealed class ReanalyzePage(MessageStore messages, MessageAnalyzer analyzer) : TaskActivity<ReanalysisPageRequest, ReanalysisPage>
{
    private const int PageSize = 100;

    public override async Task<ReanalysisPage> RunAsync(TaskActivityContext context, ReanalysisPageRequest request)
    {
        var page = await messages.ListAsync(request.Request.Filter(), PageSize, request.Continuation, CancellationToken.None);
        var reanalysed = 0;
        foreach (var message in page.Items)
        {
            reanalysed += (await analyzer.AnalyzeAsync(message, CancellationToken.None)).Changed ? 1 : 0;
        }

        return new ReanalysisPage(page.Items.Count, reanalysed, page.Continuation);
    }
}
