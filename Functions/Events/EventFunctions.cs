using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sift.Api;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;

namespace Sift.Events;

/// <summary>The query of <c>GET /api/events</c>.</summary>
public sealed record EventQuery
{
    /// <summary>Only this chat's events (and its knowledge runs' and reanalysis' progress); all chats' without it.</summary>
    public ChatKey? ChatId { get; init; }
}

[Tags("Events")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class EventFunctions(LiveEvents events)
{
    public const string LastEventIdHeader = "Last-Event-ID";

    [Function("StreamEvents")]
    [EndpointSummary("Live events as Server-Sent Events: messages stored and analyzed, proposals created and reviewed, run progress")]
    [EndpointDescription("A text/event-stream whose events are named by their type; the first is `ready`. The stream ends after Events:StreamDuration; "
        + "reconnect with the last event's id as the Last-Event-ID header to continue where it ended (a few events may come again).")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(EventQuery))]
    public ServerSentEventsResult<LiveEvent> Stream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/events")] HttpRequest request, [DurableClient] DurableTaskClient durable)
    {
        var query = StrictQuery.Bind<EventQuery>(request);
        // The stream gets the connection's own token when it is written: it outlives this call.
        return TypedResults.ServerSentEvents(events.ReadAsync(query.ChatId, ResumeAfter(request), durable, CancellationToken.None));
    }

    /// <summary>The id of the last event a reconnecting client saw: a time this stream gave out.</summary>
    private static DateTimeOffset? ResumeAfter(HttpRequest request)
    {
        if (request.Headers[LastEventIdHeader] is not [{ } id])
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(id, UtcTimestampConverter.Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var after)
            ? after
            : throw new ValidationException(LastEventIdHeader, $"{LastEventIdHeader} must be the id of an event this stream sent (a UTC time such as 2026-12-07T19:30:00.000Z).");
    }
}
