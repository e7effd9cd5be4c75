using System.Net.Http.Json;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Api;

/// <summary>Orchestration statuses are written as documented and queried by exactly those names.</summary>
public sealed class VocabularyTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }) { ExtraServices = SeededOrchestrator.Register };

    public async Task InitializeAsync()
    {
        foreach (var (id, status) in new[] { ("a", OrchestrationStatus.Failed), ("b", OrchestrationStatus.Completed), ("c", OrchestrationStatus.Running) })
        {
            await SeededOrchestrator.SeedAsync(app, id, status);
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task StatusIsWrittenAsDocumented()
    {
        var status = await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations/seeded-a");

        Assert.Equal("Failed", status.GetProperty("status").GetString());
        var stored = JsonSerializer.SerializeToElement(OrchestrationStatus.Terminated, SiftJson.Options);
        Assert.Equal("Terminated", stored.GetString());
    }

    [Theory]
    [InlineData("failed", "seeded-a")]
    [InlineData("Failed", "seeded-a")]
    [InlineData("COMPLETED", "seeded-b")]
    [InlineData("running", "seeded-c")]
    public async Task StatusQueryIsCaseInsensitive(string query, string expected)
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/orchestrations?status={query}");

        Assert.Equal([expected], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Completed,Failed")]
    [InlineData("done")]
    [InlineData("")]
    public async Task OnlyTheDocumentedNamesAreAccepted(string query)
    {
        using var response = await app.Api().GetAsync($"/api/orchestrations?status={Uri.EscapeDataString(query)}");

        var detail = (await Problems.AssertAsync(response, 400)).Detail();
        Assert.Contains("Pending, Running, Completed, Failed, Terminated, Suspended", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateReasonOver500CharactersIsRefused()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/orchestrations/seeded-c/terminate", new { reason = new string('r', 501) });

        Assert.Contains("500", (await Problems.AssertAsync(response, 400)).Detail(), StringComparison.Ordinal);
        Assert.Equal("Running", (await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations/seeded-c")).GetProperty("status").GetString());
    }
}
