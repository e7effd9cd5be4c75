using Sift.Analysis;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Orchestration;

namespace Sift.Events;

/// <summary>
/// What a client of <c>GET /api/events</c> is told happened. <see cref="Type"/> is also the event's name in the
/// stream; the other fields are those its type fills. Events say what changed, not the whole of it: a client reads
/// the message or proposal for the rest.
/// </summary>
public sealed record LiveEvent
{
    /// <summary>The stream is open; its id is where it starts. Sent first, so a client knows it is listening.</summary>
    public const string Ready = "ready";
    public const string MessageStored = "message.stored";
    public const string MessageAnalyzed = "message.analyzed";
    public const string ProposalCreated = "proposal.created";
    public const string ProposalReviewed = "proposal.reviewed";
    /// <summary>An orchestration started, moved on or ended; <see cref="Run"/> is its status.</summary>
    public const string RunProgress = "run.progress";

    [System.ComponentModel.Description("One of ready, message.stored, message.analyzed, proposal.created, proposal.reviewed, run.progress.")]
    public required string Type { get; init; }

    /// <summary>When it happened (for a run, its last update).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The chat of a message or proposal event, and of a knowledge run or a reanalysis of one chat.</summary>
    public ChatKey? ChatId { get; init; }

    public long? MessageId { get; init; }

    /// <summary>The class a message.analyzed event's analysis gave (or its label, where a person set one).</summary>
    public MessageClass? Class { get; init; }

    public double? Importance { get; init; }

    public string? ProposalId { get; init; }

    /// <summary>The proposal's status after a proposal.created or proposal.reviewed event.</summary>
    public ProposalStatus? Status { get; init; }

    public OrchestrationStatusResponse? Run { get; init; }
}
