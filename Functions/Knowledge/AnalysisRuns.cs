using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>
/// Knowledge runs are <c>analysis-run</c> orchestration instances, one per chat and window: the
/// instance id names both, so starting the same window while it runs is refused (409).
/// </summary>
public sealed class AnalysisRuns(OrchestrationClient orchestrations, ChatStatistics chats, IOptions<AnalysisRunOptions> options, TimeProvider clock)
{
    /// <summary>Validates the window, then starts its run (NotFound for a chat with no messages, Conflict with the status URL while it runs).</summary>
    public async Task<OrchestrationInstance> StartAsync(StartAnalysisRunRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var chatId = request.ChatId ?? throw new ValidationException("chatId", "chatId is required.");
        // Whole seconds, as the instance id names them; a default window ends at the current minute, so a repeated click is the same run.
        var until = Truncate(request.Until ?? Truncate(clock.GetUtcNow(), TimeSpan.TicksPerMinute), TimeSpan.TicksPerSecond);
        var since = Truncate(request.Since ?? until - settings.Lookback, TimeSpan.TicksPerSecond);
        if (since >= until)
        {
            throw new ValidationException("since", "since must be before until.");
        }

        if (until - since > settings.MaxWindow)
        {
            throw new ValidationException("until",
                $"A run covers at most {settings.MaxWindow.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days (Analysis:MaxWindow); split a longer window into several runs.");
        }

        if ((await chats.ReadAsync(chatId, cancellationToken)).Messages == 0)
        {
            throw new NotFoundException($"No messages of chat {chatId} are stored.");
        }

        if (request.TokenBudget is < 1 or > AnalysisRunOptions.MaxTokenBudget)
        {
            throw new ValidationException("tokenBudget", $"tokenBudget must be between 1 and {AnalysisRunOptions.MaxTokenBudget}.");
        }

        var limits = new RunLimits(settings.MinSignalMessages, settings.BatchTokenBudget, settings.MaxMessages, settings.ConcurrentBatches,
            request.TokenBudget ?? settings.RunTokenBudget, EnumQuery.Parse<ErrorPolicy>(request.ErrorPolicy, "errorPolicy") ?? ErrorPolicy.Collect);
        return await orchestrations.StartOrConflictAsync(AnalysisRunOrchestrator.Name, InstanceId(chatId, since, until),
            new AnalysisRunInput(chatId, since, until, limits), $"The analysis run of chat {chatId} for this window is running", cancellationToken);
    }

    /// <summary>In the order the backend lists instances (the embedded one: oldest first); with a chat, that chat's runs only.</summary>
    public Task<Page<OrchestrationInstance>> ListAsync(ChatKey? chatId, int limit, string? continuation, CancellationToken cancellationToken) =>
        orchestrations.ListAsync(AnalysisRunOrchestrator.Name, null, limit, continuation, cancellationToken, chatId is { } chat ? InstancePrefix(chat) : null);

    public async Task<OrchestrationInstance> GetAsync(string id, CancellationToken cancellationToken) =>
        await orchestrations.FindAsync(id, cancellationToken) is { Name: AnalysisRunOrchestrator.Name } run
            ? run
            : throw new NotFoundException($"No analysis run '{ProblemTitles.Echo(id)}'.");

    public static string InstanceId(ChatKey chatId, DateTimeOffset since, DateTimeOffset until) =>
        string.Create(CultureInfo.InvariantCulture, $"{InstancePrefix(chatId)}{since.UtcDateTime:yyyyMMdd'T'HHmmss}-{until.UtcDateTime:yyyyMMdd'T'HHmmss}");

    /// <summary>What the ids of a chat's runs begin with.</summary>
    public static string InstancePrefix(ChatKey chatId) => $"analysis-{chatId}-";

    private static DateTimeOffset Truncate(DateTimeOffset time, long ticks) => new(time.UtcTicks - (time.UtcTicks % ticks), TimeSpan.Zero);
}
