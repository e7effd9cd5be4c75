using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Queues;

public sealed class QueueApiTests
{
    private const string Updates = TelegramUpdateMessage.Queue;
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", CultureInfo.InvariantCulture));

    [Fact]
    public async Task QueuesListsEachQueueFunctionWithDepthPoisonDepthAndOldestAge()
    {
        await using var app = App();
        var queues = app.Get<IQueueClient>();
        await queues.SendAsync(Updates, "{}", null, default);
        clock.Advance(TimeSpan.FromSeconds(30));
        await queues.SendAsync(Updates, "{}", null, default);
        await PoisonAsync(queues, Sift.Analysis.AnalyzeMessageRequest.Queue, "{}");
        clock.Advance(TimeSpan.FromSeconds(60));

        var list = await app.Api().GetFromJsonAsync<JsonElement>("/api/queues");

        var updates = Single(list, Updates);
        Assert.Equal((2, 0, 90.0), (updates.GetProperty("depth").GetInt64(), updates.GetProperty("poisonDepth").GetInt64(), updates.GetProperty("oldestAgeSeconds").GetDouble()));
        Assert.Equal("ProcessTelegramUpdate", updates.GetProperty("function").GetString());
        var work = Single(list, Sift.Analysis.AnalyzeMessageRequest.Queue);
        Assert.Equal((0, 1), (work.GetProperty("depth").GetInt64(), work.GetProperty("poisonDepth").GetInt64()));
        Assert.Equal(JsonValueKind.Null, work.GetProperty("oldestAgeSeconds").ValueKind);
    }

    [Fact]
    public async Task PoisonListPaginatesWithASignedContinuationAndCutsLongBodies()
    {
        await using var app = App();
        var queues = app.Get<IQueueClient>();
        foreach (var body in new[] { "first", "second", new string('x', 5000) })
        {
            await PoisonAsync(queues, Updates, body);
        }

        var api = app.Api();
        var first = await api.GetFromJsonAsync<JsonElement>($"/api/queues/{Updates}/poison?limit=2");
        var continuation = first.GetProperty("continuation").GetString()!;
        var second = await api.GetFromJsonAsync<JsonElement>($"/api/queues/{Updates}/poison?limit=2&continuation={Uri.EscapeDataString(continuation)}");

        Assert.Equal(["first", "second"], first.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(1, first.GetProperty("items")[0].GetProperty("dequeueCount").GetInt64());
        var last = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(4096, last.GetProperty("body").GetString()!.Length);
        Assert.True(last.GetProperty("truncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuation").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/queues/{Sift.Analysis.AnalyzeMessageRequest.Queue}/poison?continuation={Uri.EscapeDataString(continuation)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/queues/{Updates}/poison?continuation=x{Uri.EscapeDataString(continuation)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/queues/nope/poison")).StatusCode);
    }

    [Fact]
    public async Task RequeueMovesAPoisonMessageBackWithItsCountResetAndDeleteRemovesIt()
    {
        await using var app = App();
        var queues = app.Get<IQueueClient>();
        await PoisonAsync(queues, Updates, "again");
        await PoisonAsync(queues, Updates, "gone");
        var api = app.Api();
        var ids = (await api.GetFromJsonAsync<JsonElement>($"/api/queues/{Updates}/poison")).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()!).ToList();

        using var requeue = await api.PostAsync($"/api/queues/{Updates}/poison/{ids[0]}/requeue", null);
        using var delete = await api.DeleteAsync($"/api/queues/{Updates}/poison/{ids[1]}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (requeue.StatusCode, delete.StatusCode));
        var back = Assert.Single(await queues.ReceiveAsync(Updates, 10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(("again", 1L), (back.Body, back.DequeueCount));
        Assert.Equal(0, await queues.CountAsync(QueueNames.Poison(Updates), default));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/queues/{Updates}/poison/{ids[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/queues/{Updates}/poison/{ids[0]}/requeue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/queues/{Updates}/poison/not-an-id/requeue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/queues/nope/poison/{ids[0]}")).StatusCode);
    }

    [Fact]
    public async Task QueueRoutesNeedAKey()
    {
        await using var app = App();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/queues")).StatusCode);
    }

    /// <summary>Triggers off: the test alone moves messages, on a clock it controls.</summary>
    private SiftApp App() => new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" })
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };

    private static async Task PoisonAsync(IQueueClient queues, string queue, string body)
    {
        await queues.SendAsync(queue, body, null, default);
        var received = await queues.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(1), default);
        await queues.DeadLetterAsync(Assert.Single(received), default);
    }

    private static JsonElement Single(JsonElement list, string queue) =>
        Assert.Single(list.GetProperty("items").EnumerateArray(), q => q.GetProperty("name").GetString() == queue);
}
