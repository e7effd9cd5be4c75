using Sift.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Sift.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sift.Api;

public static class ApiExtensions
{
    /// <summary>Bodies larger than this are refused with 413 unless an endpoint says otherwise.</summary>
    public const long DefaultBodyLimit = 1024 * 1024;

    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => Strict(SiftJson.Configure(options.SerializerOptions)));
        // Binding failures throw, so ProblemMapping answers them like every other client error.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            ProblemTitles.Apply(context.ProblemDetails, context.HttpContext);
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = DefaultBodyLimit);
        builder.Services.AddOpenApi(OpenApiDescription.Configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, FunctionDescriptions>());
        return builder;
    }

    /// <summary>
    /// Request bodies are read strictly: a duplicate key could smuggle a second value past a check
    /// of the first, a number sent as a string is a client bug, and an unknown field is a typo or a
    /// field that cannot be set. Text holds no control characters (<see cref="RequestTextConverter"/>)
    /// and times stay within <see cref="RequestTimes"/>. Stored documents keep SiftJson's lenient reading.
    /// </summary>
    private static JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        options.Converters.Insert(0, RequestTextConverter.SingleLine);
        options.Converters.Insert(0, new RequestTimeConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequestTextConverter.AllowMultiLine);
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Here, not first: an endpoint that short-circuits (the webhook) runs at routing, and must still have its errors mapped.
        app.UseRouting();
        return app;
    }
}
