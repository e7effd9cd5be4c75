using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Ingestion.Feeds;
using Sift.Ingestion.TelegramExport;
using Sift.Hosting;
using Sift.Orchestration;
using Sift.Security;
using Sift.Storage;

namespace Sift.Ingestion;

/// <summary>A source as the API shows it: its settings, where its messages are, and its last run.</summary>
public sealed record SourceResponse(
    string Id, SourceType Type, string Name, string? Url, long? BotId, int IntervalMinutes, bool Enabled, Messages.ChatKey? ChatId, bool HasUpload,
    string InstanceId, string StatusUrl, OrchestrationStatusResponse? LastRun, SourceCursorResponse? Cursor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Where the next run of a source starts, as the API shows it (the stored cursor may change shape).</summary>
public sealed record SourceCursorResponse(long? Offset, string? ETag, string? LastModified, DateTimeOffset? LastRequestAt)
{
    public static SourceCursorResponse From(SourceCursor c) => new(c.Offset, c.ETag, c.LastModified, c.LastRequestAt);
}

public static class SourceEndpoints
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(Source.Collection));
        builder.Services.AddCollection(new CollectionDefinition(SourceCursor.Collection));
        // Scoped, like everything that holds a typed HttpClient, so handlers rotate as IHttpClientFactory intends.
        builder.Services.AddScoped<SourceRegistry>();
        builder.Services.AddScoped<ExportUploads>();
        // Each feed request has its own deadline over headers and body (Ingestion:FeedRequestTimeout), so the client has none.
        builder.Services.AddHttpClient<FeedIngester>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundConnections.Handler(provider.GetRequiredService<IOptions<IngestionOptions>>().Value.AllowPrivateAddresses, "Ingestion:AllowPrivateAddresses"));
        builder.Services.AddTransient<ISourceIngester>(provider => provider.GetRequiredService<FeedIngester>());
        builder.Services.AddTransient<ISourceIngester, PollingIngester>();
        builder.Services.AddTransient<ISourceIngester, ExportIngester>();
        builder.Services.AddOrchestrator<IngestionOrchestrator>(SourceRegistry.Orchestration, "ingest-");
        builder.Services.AddActivity<BeginIngestion>();
        builder.Services.AddActivity<ReadSourcePage>();
        builder.Services.AddActivity<FinishIngestion>();
        builder.Services.AddTimerFunction<ScheduledIngestion>("ScheduledIngestion", "Ingestion:Schedule", "0 * * * * *");
        return builder;
    }

    public static RouteGroupBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sources").WithTags("Sources").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/run", RunAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // The export is streamed from the raw body, so the generator cannot see it: describe it.
        group.MapPost("/{id}/upload", UploadAsync).RequireAuthorization(Roles.Operator).DescribesJsonBody("A Telegram Desktop export (result.json), of any size up to Ingestion:MaxUploadBytes, streamed.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    private static async Task<Created<SourceResponse>> CreateAsync(CreateSourceRequest request, SourceRegistry sources, CancellationToken cancellationToken)
    {
        var source = await sources.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/sources/{source.Id}", await ResponseAsync(source, sources, cancellationToken));
    }

    private static async Task<Ok<Page<SourceResponse>>> ListAsync(SourceRegistry sources, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await sources.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        var items = new List<SourceResponse>(page.Items.Count);
        foreach (var source in page.Items)
        {
            items.Add(await ResponseAsync(source, sources, cancellationToken));
        }

        return TypedResults.Ok(new Page<SourceResponse>(items, page.Continuation));
    }

    private static async Task<Ok<SourceResponse>> GetAsync(string id, SourceRegistry sources, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ResponseAsync(await sources.GetAsync(id, cancellationToken), sources, cancellationToken));

    private static async Task<Ok<SourceResponse>> UpdateAsync(string id, UpdateSourceRequest request, SourceRegistry sources, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ResponseAsync(await sources.UpdateAsync(id, request, cancellationToken), sources, cancellationToken));

    private static async Task<NoContent> DeleteAsync(string id, SourceRegistry sources, CancellationToken cancellationToken)
    {
        await sources.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>202 with the status URL in Location, or 409 (with it in the body) while a run is Pending or Running.</summary>
    private static async Task<Accepted<OrchestrationStatusResponse>> RunAsync(string id, SourceRegistry sources, CancellationToken cancellationToken)
    {
        var instance = await sources.RunAsync(await sources.GetAsync(id, cancellationToken), cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    /// <summary>
    /// Streams a Telegram Desktop export into the store and starts importing it: 202 with the
    /// status URL. The body may be as large as <see cref="IngestionOptions.MaxUploadBytes"/>; one
    /// that is not an export is 400 and changes nothing. 409 while a run is Pending or Running.
    /// </summary>
    private static async Task<Accepted<OrchestrationStatusResponse>> UploadAsync(
        string id, HttpContext context, SourceRegistry sources, ExportUploads exports, IOptions<IngestionOptions> options,
        CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(id, cancellationToken);
        if (source.Type != SourceType.TelegramExport)
        {
            throw new ValidationException("type", "Only telegram-export sources take uploads.");
        }

        await sources.EnsureIdleAsync(source, cancellationToken);

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        source = await exports.AcceptAsync(source, context.Request.Body, options.Value.MaxUploadBytes, cancellationToken);
        var instance = await sources.RunAsync(source, cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    private static async Task<SourceResponse> ResponseAsync(Source source, SourceRegistry sources, CancellationToken cancellationToken)
    {
        var (run, cursor) = await sources.RunStateAsync(source, cancellationToken);
        return new SourceResponse(source.Id, source.Type, source.Name, source.Url, source.BotId, source.IntervalMinutes, source.Enabled, source.ChatId,
            source.UploadId is not null, source.InstanceIdOf, OrchestrationStatusResponse.Url(source.InstanceIdOf),
            run is null ? null : OrchestrationStatusResponse.From(run), cursor is null ? null : SourceCursorResponse.From(cursor), source.CreatedAt, source.UpdatedAt);
    }
}
