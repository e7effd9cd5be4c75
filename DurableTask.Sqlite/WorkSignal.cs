namespace Sift.DurableTask.Sqlite;

/// <summary>Wakes the waiters of this process when it wrote something they wait for; other processes' writes are polled.</summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>. Take it before looking at the database, so no pulse is missed.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Pulse() => Interlocked.Exchange(ref next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="pulse"/> or <paramref name="delay"/>, whichever comes first.</summary>
    public static async Task WaitAsync(Task pulse, TimeSpan delay, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(pulse, Task.Delay(delay, timeout.Token));
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
