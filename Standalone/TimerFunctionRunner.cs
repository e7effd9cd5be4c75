using Microsoft.Azure.Functions.Worker;

namespace Sift.Hosting;

/// <summary>
/// Drives one timer function in standalone mode: waits for the next occurrence of its schedule,
/// runs it, and waits again. A run that is still going when the next occurrence comes makes that
/// occurrence be skipped, as the Functions host does. Failures are logged and not retried.
/// </summary>
internal sealed partial class TimerFunctionRunner(
    FunctionEntry function, CronSchedule schedule, IServiceScopeFactory scopes, TimeProvider clock, ILogger<TimerFunctionRunner> logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.NextAfter(now) is not { } next)
            {
                LogNeverFires(logger, function.Name, schedule.Expression);
                return;
            }

            try
            {
                await Task.Delay(next - now, clock, stopping);
                await function.InvokeAsync(scopes, new TimerInfo(), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogFailed(logger, e, function.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception error, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: schedule '{Schedule}' has no future occurrence")]
    private static partial void LogNeverFires(ILogger logger, string function, string schedule);
}
