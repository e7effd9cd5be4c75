namespace Sift.Messages;

/// <summary>
/// How a stored message absorbs another delivery of itself. The rules make the result depend
/// only on the set of versions seen, not on their order or how often each arrived:
/// the text with the latest edit date wins, earlier texts go to a bounded history, and a
/// version already seen changes nothing.
/// </summary>
internal static class MessageHistory
{
    public const int MaxVersions = 20;

    /// <returns>The merged document, or null when <paramref name="incoming"/> adds nothing.</returns>
    public static MessageDocument? Merge(MessageDocument stored, MessageDocument incoming, DateTimeOffset now)
    {
        var incomingVersion = new MessageVersion(incoming.Text, incoming.EditDate);
        var storedVersion = new MessageVersion(stored.Text, stored.EditDate);
        if (incomingVersion == storedVersion || stored.History.Contains(incomingVersion))
        {
            return null;
        }

        // Every distinct edited version counts once, whenever it arrives; an original never does.
        var editCount = stored.EditCount + (incoming.EditDate is null ? 0 : 1);
        if (!IsNewer(incoming.EditDate, stored.EditDate))
        {
            // An older version arriving late (an original after its edit): keep the newer text, remember the older one.
            return stored with
            {
                History = Bound(stored.History.Append(incomingVersion).OrderBy(v => v.EditDate ?? DateTimeOffset.MinValue)),
                EditCount = editCount,
                UpdatedAt = now,
            };
        }

        return incoming with
        {
            Id = stored.Id,
            // The analysis belongs to the text: kept while the text stays, dropped (and redone) when it changes.
            Analysis = incoming.Text == stored.Text ? stored.Analysis : null,
            // A person's label is of the message, not of one text: an edit keeps it, and the new text's analysis shows it.
            Label = stored.Label,
            EditCount = editCount,
            History = Bound(stored.History.Append(storedVersion)),
            Source = stored.Source,
            StoredAt = stored.StoredAt,
            UpdatedAt = now,
        };
    }

    /// <summary>A document seen for the first time: an edit delivered before its original already counts as one edit.</summary>
    public static MessageDocument First(MessageDocument incoming, DateTimeOffset now) =>
        incoming with { EditCount = incoming.EditDate is null ? 0 : 1, History = [], StoredAt = now, UpdatedAt = now };

    private static bool IsNewer(DateTimeOffset? incoming, DateTimeOffset? stored) =>
        (incoming ?? DateTimeOffset.MinValue) > (stored ?? DateTimeOffset.MinValue);

    private static List<MessageVersion> Bound(IEnumerable<MessageVersion> versions) =>
        versions.TakeLast(MaxVersions).ToList();
}
