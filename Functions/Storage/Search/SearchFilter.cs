namespace Sift.Storage;

/// <summary>
/// A request's filters in the terms <see cref="SearchVectorCache"/> holds them: the chat key as its
/// interned code (-1 when no entry has it, so nothing passes), times as Unix
/// milliseconds, classes as a mask over their interned codes, the topic as its interned code (-1
/// when no entry has it, so nothing passes).
/// </summary>
internal sealed record SearchFilter(long? Chat, long? Since, long? Until, bool[]? Classes, long? SenderId, int? Topic)
{
    /// <summary>Whether any filter is set, so the full-text side must check each match.</summary>
    public bool Any => Chat is not null || Since is not null || Until is not null || Classes is not null || SenderId is not null || Topic is not null;

    public bool Passes(in SearchEntryFields entry) =>
        (Chat is not { } chat || entry.Chat == chat)
        && (Since is not { } since || entry.Date >= since)
        && (Until is not { } until || entry.Date < until)
        && (Classes is not { } classes || classes[entry.Class])
        && (SenderId is not { } sender || entry.SenderId == sender)
        && (Topic is not { } topic || entry.Topic0 == topic || entry.Topic1 == topic || entry.Topic2 == topic);
}

/// <summary>What an entry is filtered by, as the cache holds it: the chat key's code, no sender is <see cref="long.MinValue"/>, no topic -1.</summary>
internal readonly record struct SearchEntryFields(long Chat, long Date, byte Class, long SenderId, int Topic0, int Topic1, int Topic2);
