using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Messages;

namespace Sift.Digests;

public static class DigestEndpoints
{
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DigestBuilder>();
        return builder;
    }

    public static RouteGroupBuilder MapDigests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chats/{chatId}/digest").WithTags("Digests").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The digest of one UTC day (<c>date=YYYY-MM-DD</c>, default today).</summary>
    private static async Task<Ok<DigestResponse>> GetAsync(ChatKey chatId, string? date, DigestBuilder digests, TimeProvider clock, CancellationToken cancellationToken)
    {
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

        return TypedResults.Ok(await digests.BuildAsync(chatId, day, cancellationToken));
    }
}
