using DurableTask.Core;

namespace Sift.DurableTask.Sqlite;

/// <summary>An orchestration work item with what its completion must check and delete.</summary>
internal sealed class LockedOrchestration : TaskOrchestrationWorkItem
{
    /// <summary>The lock's token: only the work item holding it may save the episode or release it.</summary>
    public required string Token { get; init; }

    /// <summary>The execution the instance had when locked; another one at completion means it was replaced meanwhile.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The messages this work item consumes, deleted when its episode is saved.</summary>
    public required IReadOnlyList<long> MessageSequences { get; init; }
}

/// <summary>An activity work item and the token of its lock.</summary>
internal sealed class LockedActivity : TaskActivityWorkItem
{
    public required long Sequence { get; init; }

    public required string Token { get; init; }
}
