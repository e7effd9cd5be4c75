using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sift.Storage;

namespace Sift.Hosting;

public static class HostingExtensions
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>
    /// Where to listen: the port the Functions host assigns (custom handler), else <c>--urls</c> /
    /// <c>ASPNETCORE_URLS</c>, else the Functions default of port 7071.
    /// </summary>
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        if (builder is not WebApplicationBuilder web)
        {
            return builder;
        }

        if (FunctionsHost.IsActive(builder.Configuration))
        {
            web.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration[FunctionsHost.PortSetting]}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            web.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    public static IHostApplicationBuilder AddTriggers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TriggerOptions>, TimerScheduleValidation>();
        builder.Services.AddSingleton(_ => QueueHostOptions.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json")));
        // The host decodes queue messages as host.json says, so Sift's Azure queue must encode them the same way.
        builder.Services.AddOptions<AzureStorageOptions>().Configure<QueueHostOptions>((azure, host) => azure.Base64Messages = host.Base64Messages);

        // Under the Functions host the host drives queues and timers, and nothing may touch the
        // local disk: the runner (and the process lock file it claims) stay out entirely.
        if (!FunctionsHost.IsActive(builder.Configuration))
        {
            builder.Services.AddHostedService<TriggerRunner>();
        }

        return builder;
    }

    /// <summary>Health checks with this tag run only for <c>/api/health/ready</c>, which also asks the outside world (Telegram).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>GET|HEAD /api/health</c>: 200 when the store and queues answer, 503 otherwise.
    /// <c>GET|HEAD /api/health/ready</c>: the same plus the ready checks; 503 naming the reason when
    /// any is degraded (e.g. a bot's updates waiting too long at Telegram). No key needed for the
    /// status; each check's status and description (bot ids, usernames, Telegram's errors, provider
    /// ids) only with a valid key.
    /// </summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/health").AllowAnonymous().WithTags("Health");
        health.MapHealthChecks("", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(HealthMethods));
        health.MapHealthChecks("/ready", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        }).WithMetadata(new HttpMethodMetadata(HealthMethods));
        // Routing's own 405 would meet the fallback policy first (401); these answer anonymously.
        health.MapMethods("", OtherMethods, MethodNotAllowed).ExcludeFromDescription();
        health.MapMethods("/ready", OtherMethods, MethodNotAllowed).ExcludeFromDescription();
        return health;
    }

    private static readonly string[] HealthMethods = [HttpMethods.Get, HttpMethods.Head];

    private static readonly string[] OtherMethods =
        [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect];

    private static ProblemHttpResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = string.Join(", ", HealthMethods);
        return TypedResults.Problem("Health answers GET and HEAD only.", statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString().ToLowerInvariant() }));
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }
}
