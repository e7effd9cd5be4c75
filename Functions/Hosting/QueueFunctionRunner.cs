using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>
/// Drives one queue function in standalone mode with the Functions host's semantics: receive in
/// batches, fetch more once in-flight work drops to <c>newBatchThreshold</c>, retry a failure after
/// <c>visibilityTimeout</c>, and move a message that failed <c>maxDequeueCount</c> times to the
/// poison queue. On shutdown running handlers get <see cref="TriggerOptions.DrainTimeout"/> to
/// finish; whatever is still running then is released to be picked up again.
/// </summary>
internal sealed partial class QueueFunctionRunner(
    FunctionDefinition function,
    QueueTrigger trigger,
    IQueueClient queues,
    IServiceScopeFactory scopes,
    QueueHostOptions host,
    IOptions<TriggerOptions> options,
    ILogger<QueueFunctionRunner> logger)
{
    private readonly ConcurrentDictionary<string, Task> inFlight = new();

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

                var batch = await queues.ReceiveAsync(trigger.QueueName, host.BatchSize, options.Value.MessageLease, stopping);
                if (batch.Count == 0)
                {
                    await queues.WaitForMessagesAsync(trigger.QueueName, idle, stopping);
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
                LogReceiveFailed(logger, e, function.Name, trigger.QueueName);
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

    private async Task ProcessAsync(QueueMessage message, Task registered, CancellationToken abandoned)
    {
        await registered;
        try
        {
            if (message.DequeueCount > host.MaxDequeueCount)
            {
                await queues.DeadLetterAsync(message, CancellationToken.None);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            await trigger.Invoke(scope.ServiceProvider, message.Body, abandoned);
            await queues.CompleteAsync(message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            await queues.AbandonAsync(message, TimeSpan.Zero, CancellationToken.None);
        }
        catch (Exception e)
        {
            await FailAsync(message, e);
        }
        finally
        {
            inFlight.TryRemove(message.Id, out _);
        }
    }

    private async Task FailAsync(QueueMessage message, Exception error)
    {
        try
        {
            if (message.DequeueCount >= host.MaxDequeueCount)
            {
                LogPoisoned(logger, error, function.Name, message.Id, message.DequeueCount, QueueNames.Poison(trigger.QueueName));
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: receiving from {Queue} failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception error, string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed (attempt {DequeueCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception error, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times and moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, Exception error, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: could not release message {MessageId}; it returns when its lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string function, string messageId);
}
