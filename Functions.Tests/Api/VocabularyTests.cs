using System.Net.Http.Json;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>Orchestration statuses are written as documented and queried by exactly those names.</summary>
public sealed class VocabularyTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public async Task InitializeAsync()
    {
        var store = app.Get<IDocumentStore>();
        var now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (var (id, status) in new[] { ("a", OrchestrationStatus.Failed), ("b", OrchestrationStatus.Completed), ("c", OrchestrationStatus.Pending) })
        {
            await store.CreateAsync(OrchestrationInstance.Collection, id, id, new OrchestrationInstance
            {
                InstanceId = id, Name = "test", ExecutionId = "e", Status = status, Step = "s", CreatedAt = now, LastUpdatedAt = now,
            }, default);
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task StatusIsWrittenAsDocumented()
    {
        var status = await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations/a");

        Assert.Equal("Failed", status.GetProperty("status").GetString());
        var stored = JsonSerializer.SerializeToElement(OrchestrationStatus.Terminated, SiftJson.Options);
        Assert.Equal("Terminated", stored.GetString());
    }

    [Fact]
    public async Task InstancesStoredByEarlierVersionsStillRead()
    {
        var legacy = """
            {"instanceId": "old", "name": "test", "executionId": "e", "status": "running", "step": "s", "createdAt": "2026-03-01T09:00:00.000Z",
             "lastUpdatedAt": "2026-03-01T09:00:00.000Z", "executions": [{"executionId": "d", "status": "completed", "createdAt": "2026-03-01T08:00:00.000Z"}]}
            """;
        await app.Get<IDocumentStore>().CreateAsync(OrchestrationInstance.Collection, "old", "old", JsonSerializer.Deserialize<JsonElement>(legacy), default);

        var status = await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations/old");

        Assert.Equal(("Running", "Completed"), (status.GetProperty("status").GetString(), status.GetProperty("executions")[0].GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("failed", "a")]
    [InlineData("Failed", "a")]
    [InlineData("COMPLETED", "b")]
    [InlineData("pending", "c")]
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
        Assert.Contains("Pending, Running, Completed, Failed, Terminated", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateReasonOver500CharactersIsRefused()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/orchestrations/c/terminate", new { reason = new string('r', 501) });

        Assert.Contains("500", (await Problems.AssertAsync(response, 400)).Detail(), StringComparison.Ordinal);
        Assert.Equal("Pending", (await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations/c")).GetProperty("status").GetString());
    }
}
