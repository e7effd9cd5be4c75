using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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
        await using (var doomed = await SiftProcess.StartAsync(data.Path))
        {
            source = await UploadAsync(doomed.Api, Export());
            await Eventually.ReturnsAsync(() => StatusAsync(doomed.Api, source),
                run => run.GetProperty("progress").GetProperty("done").GetInt64() > 0, "the import to be under way");
            doomed.Kill();
        }

        // With the default 5-minute lease, only releasing the dead process's leases finishes in time.
        await using var restarted = await SiftProcess.StartAsync(data.Path);
        var run = await Eventually.ReturnsAsync(() => StatusAsync(restarted.Api, source),
            run => run.GetProperty("status").GetString() == "Completed", "the import to complete",
            TimeSpan.FromSeconds(30));

        var counts = run.GetProperty("output").GetProperty("counts");
        Assert.Equal(Messages, counts.GetProperty("fetched").GetInt32());
        Assert.Equal(Messages, counts.GetProperty("new").GetInt32() + counts.GetProperty("unchanged").GetInt32());
        var chats = await restarted.Api.GetFromJsonAsync<JsonElement>("/api/chats");
        Assert.Equal(Messages, chats.GetProperty("items")[0].GetProperty("messageCount").GetInt64());
    }

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
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    /// <summary>dotnet Functions.dll on a free loopback port, ready once /api/health answers.</summary>
    private sealed class SiftProcess : IAsyncDisposable
    {
        private readonly Process process;

        private SiftProcess(Process process, HttpClient api)
        {
            this.process = process;
            Api = api;
        }

        public HttpClient Api { get; }

        public static async Task<SiftProcess> StartAsync(string dataPath)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    Path.Combine(AppContext.BaseDirectory, "Functions.dll"), "--urls", url, $"--Storage:Path={dataPath}", $"--Auth:BootstrapAdminKey={AdminKey}",
                    // Small pages, so the import is mid-page most of the time it runs.
                    "--Ingestion:ExportPageSize=100",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var api = new HttpClient { BaseAddress = new Uri(url) };
            api.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            var sift = new SiftProcess(process, api);
            await Eventually.ReturnsAsync(sift.HealthyAsync, healthy => healthy, "Sift to start", TimeSpan.FromSeconds(60));
            return sift;
        }

        /// <summary>SIGKILL: nothing runs on the way out, as when the machine loses the process.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
            Api.Dispose();
            await Task.CompletedTask;
        }

        private async Task<bool> HealthyAsync()
        {
            Assert.False(process.HasExited, "Sift exited at start-up.");
            try
            {
                using var response = await Api.GetAsync("/api/health");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
