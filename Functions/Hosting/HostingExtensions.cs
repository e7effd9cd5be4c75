using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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

        if (builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port)
        {
            web.WebHost.UseUrls($"http://127.0.0.1:{port}");
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
        builder.Services.AddHostedService<TriggerRunner>();

        return builder;
    }

    /// <summary><c>GET /api/health</c>: 200 when the store and queues answer, 503 otherwise. No key needed.</summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }
}
