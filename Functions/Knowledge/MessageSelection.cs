using Sift.Analysis;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>Which messages of a window a run reads: those with text whose analysis says they are signal (every message is analysed by then).</summary>
internal static class MessageSelection
{
    public static SelectedPage Select(int page, IReadOnlyList<MessageDocument> messages, bool truncated)
    {
        var skipped = SkipReasons.All.ToDictionary(reason => reason, _ => 0L, StringComparer.Ordinal);
        var kept = new List<SelectedMessage>();
        foreach (var message in messages)
        {
            if (SkipReason(message) is { } reason)
            {
                skipped[reason]++;
                continue;
            }

            kept.Add(new SelectedMessage(
                new BatchMessage(message.MessageId, message.Date, message.Sender?.Name, message.Sender?.Username, message.ReplyToMessageId, AnalysedText.Of(message.Text),
                    message.Analysis!.TopicIds.Count > 0 ? message.Analysis.TopicIds[0] : null),
                message.ThreadId));
        }

        var fallbacks = messages.Select(m => m.Analysis?.EmbeddingFallback).OfType<string>().ToList();
        return new SelectedPage(page, messages.Count, kept, skipped, truncated, fallbacks.Count, fallbacks.FirstOrDefault());
    }

    private static string? SkipReason(MessageDocument message) =>
        string.IsNullOrWhiteSpace(message.Text) ? SkipReasons.NoText
        : message.Analysis!.Class switch
        {
            MessageClass.Signal or MessageClass.HighQuality => null,
            MessageClass.LowQuality => SkipReasons.LowQuality,
            MessageClass.Noise => SkipReasons.Noise,
            _ => SkipReasons.Spam,
        };
}
