using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>Uploads racing runs: with the trigger runner off, a started run stays Pending (active) for as long as a test needs.</summary>
public sealed class ExportUploadTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnUploadSwappedInDuringARunLeavesTheRunsUploadUntilTheRunEnds()
    {
        var id = await CreateAsync();
        using var first = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var running = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("input");
        var input = new IngestionInput(id, running.GetProperty("uploadId").GetString(), running.GetProperty("uploadMessages").GetInt64());

        // What a second upload does when it wins the race against the endpoint's 409 check.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var source = await scope.ServiceProvider.GetRequiredService<SourceRegistry>().GetAsync(id, default);
            app.UseDurableClient();
            await scope.ServiceProvider.GetRequiredService<ExportUploads>().AcceptAsync(source, TelegramExportSamples.Utf8(TelegramExportSamples.FullExport), 1 << 20, default);
        }

        Assert.True(await ExistsAsync(input.UploadId!), "the running import's upload is kept");
        Assert.Equal(18, input.UploadMessages);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SourceRegistry>().ReleaseAfterRunAsync(input, default);
        }

        Assert.False(await ExistsAsync(input.UploadId!), "the run deleted the upload it imported once it was replaced");
        Assert.True((await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("hasUpload").GetBoolean());
    }

    [Fact]
    public async Task DeletingTheSourceDuringARunDeletesBothTheRunsUploadAndTheNewOne()
    {
        var id = await CreateAsync();
        using var first = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/json"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var source = await scope.ServiceProvider.GetRequiredService<SourceRegistry>().GetAsync(id, default);
            app.UseDurableClient();
            await scope.ServiceProvider.GetRequiredService<ExportUploads>().AcceptAsync(source, TelegramExportSamples.Utf8(TelegramExportSamples.FullExport), 1 << 20, default);
        }

        using var deleted = await app.Api().DeleteAsync($"/api/sources/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await app.Get<IDocumentStore>().CountAsync(DocumentUploadStore.Collection, new DocumentQuery(), default));
    }

    [Fact]
    public async Task AnUploadWhileARunIsActiveIs409()
    {
        var id = await CreateAsync();
        using var first = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/json"));

        using var second = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(TelegramExportSamples.FullExport, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, await app.Get<IDocumentStore>().CountAsync(DocumentUploadStore.Collection, new DocumentQuery(), default));
    }

    private async Task<bool> ExistsAsync(string uploadId) =>
        await app.Get<IDocumentStore>().GetAsync<JsonElement>(DocumentUploadStore.Collection, uploadId, "00000000", default) is not null;

    private async Task<string> CreateAsync()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
