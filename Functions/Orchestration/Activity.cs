using System.Net.Sockets;
using System.Text.Json;
using Microsoft.DurableTask;
using Sift.Api;

namespace Sift.Orchestration;

/// <summary>An orchestration that cannot go on: its message is the instance's <c>error</c>, a sentence for people.</summary>
public sealed class RunFailedException(string message) : Exception(message);

/// <summary>
/// Calls activities with the configured retries. An activity that failed every attempt fails the instance with a
/// sentence saying what failed and why: a domain exception's message is written for people already; any other
/// exception is named by its kind (the worker logs the exception itself).
/// </summary>
public static class Activity
{
    /// <param name="what">What the activity does, in words ("Reading page 3").</param>
    /// <exception cref="RunFailedException">Every attempt failed.</exception>
    public static async Task<T> CallAsync<T>(TaskOrchestrationContext context, string name, object? input, string what, TaskOptions retries)
    {
        try
        {
            return await context.CallActivityAsync<T>(name, input, retries);
        }
        catch (TaskFailedException e)
        {
            var attempts = retries.Retry?.Policy?.MaxNumberOfAttempts ?? 1;
            var reason = Reason(e.FailureDetails);
            throw new RunFailedException(attempts == 1 ? $"{what} failed: {reason}" : $"{what} failed {attempts} times; the last attempt: {reason}");
        }
    }

    public static string Reason(TaskFailureDetails failure) => failure switch
    {
        _ when failure.IsCausedBy<DomainException>() || failure.IsCausedBy<RunFailedException>() => failure.ErrorMessage,
        _ when failure.IsCausedBy<TimeoutException>() || failure.IsCausedBy<TaskCanceledException>() => "a call it made timed out.",
        _ when failure.IsCausedBy<HttpRequestException>() => "a network request failed.",
        _ when failure.IsCausedBy<SocketException>() => "a network connection failed.",
        _ when failure.IsCausedBy<JsonException>() => "data it read was not the JSON it expected.",
        _ when failure.IsCausedBy<IOException>() => "reading or writing data failed.",
        _ => $"an unexpected error occurred ({failure.ErrorType.Split('.')[^1]}); the log has the details.",
    };
}
