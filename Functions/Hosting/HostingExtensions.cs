using Microsoft.AspNetCore.Http.HttpResults;
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
    /// The methods health does not answer (<see cref="HealthFunctions"/> answers GET and HEAD): 405
    /// here, anonymously, because routing's own 405 would meet the fallback policy first (401).
    /// </summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/health").AllowAnonymous().ExcludeFromDescription();
        health.MapMethods("", OtherMethods, MethodNotAllowed);
        health.MapMethods("/ready", OtherMethods, MethodNotAllowed);
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
}
