using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Tests.Infrastructure;
using Sift.Tests.Ingestion.TelegramExport;

namespace Sift.Tests.Hosting;

/// <summary>The real executable, killed with SIGKILL mid-import and started again on the same data directory.</summary>
public sealed class CrashRecoveryTests
{
    private const int Messages = 3000;
    private const string AdminKey = "crash-test-admin-key-0123456789abcdef";

    [Fact]
    public async Task AnImportKilledMidwayCompletesSoonAfterTheRestartWithEveryMessageOnce()
    {
        using var data = new TempDirectory();
        string source;
        await using (var doomed = await StartAsync(data.Path))
        {
            using var api = doomed.Api(AdminKey);
            source = await UploadAsync(api, Export());
            await Eventually.ReturnsAsync(() => StatusAsync(api, source),
                run => run.GetProperty("progress").GetProperty("done").GetInt64() > 0, "the import to be under way");
            doomed.Kill();
        }

        // The dead process's leases last 5 minutes (the default). Finishing within 2 proves they were released at
        // start-up; the margin is for a loaded CI machine, where the import had 800 messages left 30 s after the restart.
        await using var restarted = await StartAsync(data.Path);
        using var restartedApi = restarted.Api(AdminKey);
        var run = await Eventually.ReturnsAsync(() => StatusAsync(restartedApi, source),
            run => run.GetProperty("status").GetString() == "Completed", "the import to complete",
            TimeSpan.FromMinutes(2));

        var counts = run.GetProperty("output").GetProperty("counts");
        Assert.Equal(Messages, counts.GetProperty("fetched").GetInt32());
        Assert.Equal(Messages, counts.GetProperty("new").GetInt32() + counts.GetProperty("unchanged").GetInt32());
        var chats = await restartedApi.GetFromJsonAsync<JsonElement>("/api/chats");
        Assert.Equal(Messages, chats.GetProperty("items")[0].GetProperty("messageCount").GetInt64());
    }

    // Small pages, so the import is mid-page most of the time it runs. The status is polled 20 times a second,
    // which on a loaded machine passed the default 600 requests a minute (a 429 ended the test).
    private static Task<SiftProcess> StartAsync(string dataPath) =>
        SiftProcess.StartAsync($"--Storage:Path={dataPath}", $"--Auth:BootstrapAdminKey={AdminKey}", "--Ingestion:ExportPageSize=100",
            "--RateLimits:RequestsPerMinute=100000");

    private static string Export()
    {
        var messages = Enumerable.Range(1, Messages).Select(i => TelegramExportSamples.Message($"{TelegramExportSamples.FromAlice}, \"text\": \"message {i}\"", id: i));
        return $$"""{"name": "Crash", "type": "public_supergroup", "id": 1234567890, "messages": [{{string.Join(",\n", messages)}}]}""";
    }

    private static async Task<string> UploadAsync(HttpClient api, string export)
    {
        using var created = await api.PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Crash" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var upload = await api.PostAsync($"/api/sources/{id}/upload", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        return id;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient api, string source)
    {
        using var response = await api.GetAsync($"/api/orchestrations/ingest-{source}");
        Assert.True(response.IsSuccessStatusCode, $"GET ingest-{source}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
