using System.Text.Json.Serialization;

namespace Sift.Ingestion;


public enum SourceType
{
    [JsonStringEnumMemberName("feed")] Feed,
    [JsonStringEnumMemberName("telegram-polling")] TelegramPolling,
    [JsonStringEnumMemberName("telegram-export")] TelegramExport,
}

/// <summary>A polled source of messages. Its run state lives in its orchestration instance (<see cref="InstanceId"/>) and its cursor document.</summary>
public sealed record Source
{
    public const string Collection = "sources";
    public const string Partition = "sources";

    public required string Id { get; init; }
    public required SourceType Type { get; init; }
    public required string Name { get; init; }
    public string? Url { get; init; }
    public long? BotId { get; init; }
    public required int IntervalMinutes { get; init; }
    public required bool Enabled { get; init; }

    /// <summary>The chat (key) its messages are stored under: fixed for a feed, learnt from the file for an export (its first chat), per message for polling (null).</summary>
    public Messages.ChatKey? ChatId { get; init; }

    /// <summary>The export file to import (telegram-export), set by an upload.</summary>
    public string? UploadId { get; init; }

    /// <summary>How many messages the upload holds, counted when it was accepted (a run's total).</summary>
    public long? UploadMessages { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The id of the source's (singleton) ingestion orchestration.</summary>
    public string InstanceIdOf => $"ingest-{Id}";
}

/// <summary>Where the next run of a source starts (polling offset, feed validators, export position). Written only by ingestion.</summary>
/// <param name="Url">The feed URL the validators were answered for: validators of another URL are never sent.</param>
public sealed record SourceCursor(string SourceId, long? Offset = null, string? ETag = null, string? LastModified = null, DateTimeOffset? LastRequestAt = null, string? Url = null)
{
    public const string Collection = "source-cursors";
}

/// <summary>What one run did, on the orchestration output and on the source.</summary>
/// <param name="Refused">Messages another source had stored first: its copy stays, this one was not stored.</param>
public sealed record RunCounts(long Fetched, long New, long Updated, long Unchanged, long Ignored, long Failed, long Refused = 0)
{
    public static RunCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public RunCounts Saved(Messages.SaveOutcome outcome) => outcome switch
    {
        Messages.SaveOutcome.Created => this with { New = New + 1 },
        Messages.SaveOutcome.Updated => this with { Updated = Updated + 1 },
        Messages.SaveOutcome.Refused => this with { Refused = Refused + 1 },
        _ => this with { Unchanged = Unchanged + 1 },
    };

    public RunCounts Add(RunCounts other) => new(Fetched + other.Fetched, New + other.New, Updated + other.Updated,
        Unchanged + other.Unchanged, Ignored + other.Ignored, Failed + other.Failed, Refused + other.Refused);
}

/// <summary>One item a run could not store, and why; a run lists them rather than succeed silently.</summary>
public sealed record SkippedItem(string Item, string Reason);

/// <summary>The result document of one page of a run (fan-in sums them).</summary>
public sealed record PageResult(RunCounts Counts, IReadOnlyList<SkippedItem> Skipped);

/// <summary>The output of an ingestion run.</summary>
public sealed record RunOutput(string SourceId, SourceType Type, RunCounts Counts, IReadOnlyList<SkippedItem> Skipped, SourceCursor? Cursor, string? Note);
