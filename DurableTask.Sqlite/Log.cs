using Microsoft.Extensions.Logging;

namespace Sift.DurableTask.Sqlite;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task backend at {Path} started as owner {Owner}")]
    public static partial void Started(ILogger logger, string path, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the locks of {Count} dead owner(s): {Instances} orchestration(s) and {Activities} activity(ies) run again")]
    public static partial void DeadOwnersReleased(ILogger logger, int count, int instances, int activities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId} lost its lock or was replaced while it ran; its episode was not saved")]
    public static partial void OrchestrationLockLost(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Id} of {InstanceId} lost its lock or its instance while it ran; its result was dropped")]
    public static partial void ActivityLockLost(ILogger logger, string id, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Count} message(s) for {InstanceId}, meant for an execution that ended or was replaced")]
    public static partial void StaleMessagesDropped(ILogger logger, int count, string instanceId);
}
