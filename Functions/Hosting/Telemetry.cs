using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sift.Hosting;

/// <summary>
/// OpenTelemetry traces (ASP.NET Core, HttpClient, Sift's own spans) and metrics (ASP.NET Core,
/// HttpClient, every <c>Sift.*</c> meter), exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other <c>OTEL_*</c> variables). Without an
/// endpoint nothing is collected: recording spans nobody exports cost the webhook about a tenth
/// of its throughput (bench/webhook.sh).
/// JSON console logs are the built-in formatter: <c>Logging:Console:FormatterName=json</c>.
/// </summary>
public static partial class Telemetry
{
    public const string SourceName = "Sift";

    /// <summary>Sift's own spans (queue handler invocations).</summary>
    public static readonly ActivitySource Source = new(SourceName);

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        // JSON logs carry their scopes, which hold the correlation id of the delivery being handled.
        builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sift"))
            .WithTracing(tracing => tracing
                .AddSource(SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, _) => RedactBotToken(activity)))
            .WithMetrics(metrics => metrics
                .AddMeter(SourceName + ".*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Bot API URLs hold the bot's token (<c>/bot{token}/method</c>); a span must not.</summary>
    private static void RedactBotToken(Activity activity)
    {
        if (activity.GetTagItem("url.full") is string url && BotToken().IsMatch(url))
        {
            activity.SetTag("url.full", BotToken().Replace(url, "/bot[redacted]/"));
        }
    }

    [GeneratedRegex("/bot[^/]+/")]
    private static partial Regex BotToken();
}
