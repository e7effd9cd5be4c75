using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Ingestion.TelegramExport;
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

[Tags("Sources")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class SourceFunctions(SourceRegistry sources, ExportUploads exports, IOptions<IngestionOptions> options)
{
    [Function("CreateSource")]
    [EndpointSummary("Adds a source: a feed, a bot to poll, or a Telegram export to upload")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(CreateSourceRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Created<SourceResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sources")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var source = await sources.CreateAsync(await RequestJson.ReadAsync<CreateSourceRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/sources/{source.Id}", await ResponseAsync(source, cancellationToken));
    }

    [Function("ListSources")]
    [EndpointSummary("The sources with their last runs")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<SourceResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sources")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await sources.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        var items = new List<SourceResponse>(page.Items.Count);
        foreach (var source in page.Items)
        {
            items.Add(await ResponseAsync(source, cancellationToken));
        }

        return TypedResults.Ok(new Page<SourceResponse>(items, page.Continuation));
    }

    [Function("GetSource")]
    [EndpointSummary("One source with its last run and cursor")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<SourceResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sources/{id}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ResponseAsync(await sources.GetAsync(id, cancellationToken), cancellationToken));

    [Function("UpdateSource")]
    [EndpointSummary("Changes a source's settings; fields left out stay as they are")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(UpdateSourceRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<SourceResponse>> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/sources/{id}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        var change = await RequestJson.ReadAsync<UpdateSourceRequest>(request, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(await sources.UpdateAsync(id, change, cancellationToken), cancellationToken));
    }

    [Function("DeleteSource")]
    [EndpointSummary("Deletes a source; its stored messages stay")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/sources/{id}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        await sources.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>202 with the status URL in Location, or 409 (with it in the body) while a run is Pending or Running.</summary>
    [Function("RunSource")]
    [EndpointSummary("Starts a run of a source now")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<Accepted<OrchestrationStatusResponse>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sources/{id}/run")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        var instance = await sources.RunAsync(await sources.GetAsync(id, cancellationToken), cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    /// <summary>
    /// Streams a Telegram Desktop export into the store and starts importing it: 202 with the
    /// status URL. The export is the body, or the file part of a multipart/form-data body
    /// (<see cref="UploadedFile"/>). It may be as large as <see cref="IngestionOptions.MaxUploadBytes"/>; one
    /// that is not an export is 400 and changes nothing. 409 while a run is Pending or Running.
    /// </summary>
    [Function("UploadExport")]
    [EndpointSummary("Uploads a Telegram Desktop export to a telegram-export source and imports it")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(System.Text.Json.JsonElement), Description = "A Telegram Desktop export (result.json), of any size up to Ingestion:MaxUploadBytes, streamed: the body itself, or the file part of a multipart/form-data body.")]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Accepted<OrchestrationStatusResponse>> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sources/{id}/upload")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(id, cancellationToken);
        if (source.Type != SourceType.TelegramExport)
        {
            throw new ValidationException("type", "Only telegram-export sources take uploads.");
        }

        await sources.EnsureIdleAsync(source, cancellationToken);

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        source = await exports.AcceptAsync(source, await UploadedFile.OpenAsync(request, cancellationToken), options.Value.MaxUploadBytes, cancellationToken);
        var instance = await sources.RunAsync(source, cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    private async Task<SourceResponse> ResponseAsync(Source source, CancellationToken cancellationToken)
    {
        var (run, cursor) = await sources.RunStateAsync(source, cancellationToken);
        return new SourceResponse(source.Id, source.Type, source.Name, source.Url, source.BotId, source.IntervalMinutes, source.Enabled, source.ChatId,
            source.UploadId is not null, source.InstanceIdOf, OrchestrationStatusResponse.Url(source.InstanceIdOf),
            run is null ? null : OrchestrationStatusResponse.From(run), cursor is null ? null : SourceCursorResponse.From(cursor), source.CreatedAt, source.UpdatedAt);
    }
}
