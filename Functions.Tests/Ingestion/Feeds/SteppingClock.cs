using Sift.Tests.Infrastructure;

namespace Sift.Tests.Ingestion.Feeds;

/// <summary>
/// A <see cref="ManualClock"/> whose timers do not wait: a timer moves the clock on by its due time
/// and fires at once. A delay the code asks for shows in the times it records, and takes no time.
/// Give it only to the code under test (its waits), not to the whole app's queues and timers.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private readonly ManualClock clock = new(start);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            clock.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
