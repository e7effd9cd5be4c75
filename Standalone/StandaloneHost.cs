using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sift.Demo;
using Sift.Orchestration;

namespace Sift.Hosting;

/// <summary>What this host adds to Sift's services to do the Functions host's part: listen, trigger and run orchestrations.</summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplicationBuilder AddStandalone(this WebApplicationBuilder builder)
    {
        // --urls or ASPNETCORE_URLS, else the Functions default of port 7071.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddFunctionCatalog();
        builder.Services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TriggerOptions>, TimerScheduleValidation>();
        builder.Services.AddHostedService<TriggerRunner>();
        builder.Services.AddDurableBackend();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate<IOptions<TriggerOptions>>((demo, triggers) => !demo.Load || triggers.Value.Enabled,
                "Demo:Load (--demo) needs Triggers:Enabled: the demo's messages are analysed by this process's queue functions.")
            .ValidateOnStart();
        builder.Services.AddHostedService<DemoLoader>();
        return builder;
    }

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
