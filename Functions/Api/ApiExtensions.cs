using Sift.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Sift.Hosting;

namespace Sift.Api;

public static class ApiExtensions
{
    /// <summary>Bodies larger than this are refused with 413 unless an endpoint says otherwise.</summary>
    public const long DefaultBodyLimit = 1024 * 1024;

    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => SiftJson.Configure(options.SerializerOptions));
        // Binding failures throw, so ProblemMapping answers them like every other client error.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = DefaultBodyLimit);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Sift API";
            document.Info.Description = "Telegram conversations and feeds, stored once, listed and ingested on schedule. Send the API key in X-Api-Key.";
            return Task.CompletedTask;
        }));
        builder.Services.AddHttpFunction("Api", "{*path}");
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/api/openapi.json").AllowAnonymous();
        return app;
    }
}
