using System.Net.Sockets;
using System.Text.Json;
using Sift.Api;

namespace Sift.Orchestration;

/// <summary>
/// Says, in a sentence for the people reading an instance's <c>error</c>, what went wrong in a step.
/// A domain exception's message is written for them already; any other exception is named by its
/// kind (the exception itself goes to the log, once per attempt).
/// </summary>
internal static class StepFailure
{
    public static string Describe(string step, int attempts, string reason) =>
        attempts == 1 ? $"Step '{step}' failed: {reason}" : $"Step '{step}' failed {attempts} times; the last attempt: {reason}";

    public static string TimedOut(TimeSpan stepTimeout) =>
        $"it did not finish within the step timeout of {stepTimeout} (Orchestration:StepTimeout).";

    public static string Reason(Exception error) => error switch
    {
        DomainException domain => domain.Message,
        TimeoutException or TaskCanceledException => "a call it made timed out.",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "a connection it opened was refused.",
        HttpRequestException { StatusCode: { } status } => $"a server answered HTTP {(int)status}.",
        HttpRequestException http => $"a network request failed ({http.HttpRequestError}).",
        SocketException socket => $"a network connection failed ({socket.SocketErrorCode}).",
        JsonException => "data it read was not the JSON it expected.",
        IOException => "reading or writing data failed.",
        _ => $"an unexpected error occurred ({error.GetType().Name}); the log has the details.",
    };
}
