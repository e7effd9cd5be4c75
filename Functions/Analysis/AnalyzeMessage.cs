using Sift.Hosting;
using Sift.Messages;

namespace Sift.Analysis;

/// <summary>The message on <c>message-analysis</c>: analyse the current version of this message.</summary>
public sealed record AnalyzeMessageRequest(ChatKey ChatId, long MessageId)
{
    public const string Queue = "message-analysis";
}

/// <summary>
/// Queue function on <c>message-analysis</c>: scores, classifies, embeds and indexes the message's
/// current text. The request names no version: whatever text the message holds when it runs is
/// analysed, and an analysis that already matches it (same text, analyzer, topics and replies)
/// makes the run a no-op, so redeliveries, duplicates and requests for older versions change nothing.
/// </summary>
internal sealed class AnalyzeMessage(MessageStore messages, MessageAnalyzer analyzer) : IQueueHandler<AnalyzeMessageRequest>
{
    public async Task HandleAsync(AnalyzeMessageRequest request, CancellationToken cancellationToken)
    {
        // Messages are never deleted; one that is absent was never stored, and nothing can make it appear for this request.
        if (await messages.FindStoredAsync(request.ChatId, request.MessageId, cancellationToken) is { } stored)
        {
            await analyzer.AnalyzeAsync(stored.Value, cancellationToken, stored.ETag);
        }
    }
}
