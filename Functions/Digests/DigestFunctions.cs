using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;

namespace Sift.Digests;

public static class DigestExtensions
{
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DigestBuilder>();
        builder.Services.AddScoped<DigestDeliveries>();
        builder.Services.AddCollection(new CollectionDefinition(DigestDeliveryDocument.Collection));
        builder.Services.AddCollection(new CollectionDefinition(DigestClaimDocument.Collection));
        return builder;
    }
}

/// <summary>The query of a digest: <c>date=YYYY-MM-DD</c>, one UTC day, default today.</summary>
public sealed record DigestQuery
{
    [System.ComponentModel.Description("The UTC day, YYYY-MM-DD; default today.")]
    public string? Date { get; init; }
}

[Tags("Digests")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class DigestFunctions(DigestBuilder digests, TimeProvider clock)
{
    [Function("GetDigest")]
    [EndpointSummary("The digest of one chat's day")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(DigestQuery))]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<DigestResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/chats/{chatId}/digest")] HttpRequest request, string chatId, CancellationToken cancellationToken)
    {
        var date = StrictQuery.Bind<DigestQuery>(request).Date;
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        DateOnly day;
        if (date is null)
        {
            day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            throw new ValidationException("date", $"date must be a day as YYYY-MM-DD (got '{ProblemTitles.Echo(date)}').");
        }
        else if (!RequestTimes.Accepts(day))
        {
            throw new ValidationException("date", RequestTimes.Rule("date"));
        }

        return TypedResults.Ok(await digests.BuildAsync(chat, day, cancellationToken));
    }
}
