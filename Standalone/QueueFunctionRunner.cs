using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>
/// Drives one queue function in standalone mode with the Functions host's semantics: receive in
/// batches, fetch more once in-flight work drops to <c>newBatchThreshold</c>, retry a failure after
/// <c>visibilityTimeout</c>, and move a message that failed <c>maxDequeueCount</c> times to the
/// poison queue; a <see cref="PermanentMessageException"/> moves it there at once. While a handler
/// runs, its message's lease is renewed at half the lease, so a long handler is not handed out
/// twice. On shutdown running handlers get <see cref="TriggerOptions.DrainTimeout"/> to
/// finish; whatever is still running then is released to be picked up again.
/// </summary>
internal sealed partial class QueueFunctionRunner(
    FunctionEntry function,
    IQueueClient queues,
    IServiceScopeFactory scopes,
    QueueHostOptions host,
    IOptions<TriggerOptions> options,
    TimeProvider clock,
    ILogger<QueueFunctionRunner> logger)
{
    private readonly ConcurrentDictionary<string, Task> inFlight = new();

    private string QueueName => function.Trigger.QueueName!;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var abandon = new CancellationTokenSource();
        var idle = TimeSpan.FromMilliseconds(100);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (inFlight.Count > host.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight.Values).WaitAsync(stopping);
                    continue;
                }

                var batch = await queues.ReceiveAsync(QueueName, host.BatchSize, options.Value.MessageLease, stopping);
                if (batch.Count == 0)
                {
                    await queues.WaitForMessagesAsync(QueueName, idle, stopping);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, host.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(100);
                foreach (var message in batch)
                {
                    // Registered before it runs, so its own clean-up always finds it.
                    var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    inFlight[message.Id] = ProcessAsync(message, registered.Task, abandon.Token);
                    registered.SetResult();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogReceiveFailed(logger, e, function.Name, QueueName);
                await Task.Delay(host.MaxPollingInterval, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await DrainAsync(abandon);
    }

    private async Task DrainAsync(CancellationTokenSource abandon)
    {
        var running = inFlight.Values.ToArray();
        if (await Task.WhenAll(running).WaitAsync(options.Value.DrainTimeout).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))
        {
            return;
        }

        await abandon.CancelAsync();
        await Task.WhenAll(inFlight.Values.ToArray());
    }

    private async Task ProcessAsync(QueueMessage received, Task registered, CancellationToken abandoned)
    {
        await registered;
        var lease = new Lease(received);
        try
        {
            if (received.DequeueCount > host.MaxDequeueCount)
            {
                await queues.DeadLetterAsync(received, CancellationToken.None);
                return;
            }

            await RunRenewingAsync(lease, abandoned);
            await queues.CompleteAsync(lease.Current, CancellationToken.None);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            await queues.AbandonAsync(lease.Current, TimeSpan.Zero, CancellationToken.None);
        }
        catch (Exception e)
        {
            await FailAsync(lease.Current, e);
        }
        finally
        {
            inFlight.TryRemove(received.Id, out _);
        }
    }

    private async Task RunRenewingAsync(Lease lease, CancellationToken abandoned)
    {
        using var done = new CancellationTokenSource();
        var renewing = RenewAsync(lease, done.Token);
        try
        {
            await function.InvokeAsync(scopes, lease.Current.Body, abandoned);
        }
        finally
        {
            // Awaited, so completing or releasing the message uses the receipt of the last renewal.
            await done.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewAsync(Lease lease, CancellationToken done)
    {
        var period = options.Value.MessageLease / 2;
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, done);
                if (await queues.RenewAsync(lease.Current, options.Value.MessageLease, CancellationToken.None) is not { } renewed)
                {
                    LogLeaseLost(logger, function.Name, lease.Current.Id);
                    return;
                }

                lease.Current = renewed;
                LogRenewed(logger, function.Name, renewed.Id);
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The next period tries again; the lease itself has half its time left.
                LogRenewFailed(logger, e, function.Name, lease.Current.Id);
            }
        }
    }

    private async Task FailAsync(QueueMessage message, Exception error)
    {
        try
        {
            if (error is PermanentMessageException permanent)
            {
                LogRejected(logger, function.Name, message.Id, LogText.Escape(permanent.Message), QueueNames.Poison(QueueName));
                await queues.DeadLetterAsync(message, CancellationToken.None);
            }
            else if (message.DequeueCount >= host.MaxDequeueCount)
            {
                LogPoisoned(logger, error, function.Name, message.Id, message.DequeueCount, QueueNames.Poison(QueueName));
                await queues.DeadLetterAsync(message, CancellationToken.None);
            }
            else
            {
                LogFailed(logger, error, function.Name, message.Id, message.DequeueCount);
                await queues.AbandonAsync(message, host.VisibilityTimeout, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // The message comes back when its lease ends; nothing is lost.
            LogReleaseFailed(logger, e, function.Name, message.Id);
        }
    }

    /// <summary>The message as last renewed: each renewal brings a new pop receipt.</summary>
    private sealed class Lease(QueueMessage received)
    {
        private QueueMessage current = received;

        public QueueMessage Current
        {
            get => Volatile.Read(ref current);
            set => Volatile.Write(ref current, value);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: receiving from {Queue} failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception error, string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed (attempt {DequeueCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception error, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times and moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, Exception error, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} can never succeed and moved to {PoisonQueue}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string function, string messageId, string reason, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function}: renewed the lease of message {MessageId}")]
    private static partial void LogRenewed(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: the lease of message {MessageId} ended before it could be renewed; it may run twice")]
    private static partial void LogLeaseLost(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: renewing the lease of message {MessageId} failed; trying again")]
    private static partial void LogRenewFailed(ILogger logger, Exception error, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: could not release message {MessageId}; it returns when its lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string function, string messageId);
}
