using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The queue contract on SQLite, plus what only the embedded queue does: owner leases, group-commit durability, strict arrival order.</summary>
public sealed class SqliteQueueClientTests : QueueClientContract, IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-11-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private SqliteQueueClient queues = null!;

    public Task InitializeAsync()
    {
        queues = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await queues.DisposeAsync();
        data.Dispose();
    }

    protected override IQueueClient Queues => queues;

    protected override Task PassAsync(TimeSpan time)
    {
        clock.Advance(time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReleasingTheLeasesOfAGoneOwnerMakesOnlyItsMessagesVisibleAtOnce()
    {
        await queues.SendAsync("q", "held by the dead", null, default);
        await queues.SendAsync("q", "held by the living", null, default);
        await queues.DisposeAsync();
        queues = Open("dead");
        Assert.Single(await queues.ReceiveAsync("q", 1, TimeSpan.FromMinutes(5), default));
        await queues.DisposeAsync();
        queues = Open("alive");
        Assert.Single(await queues.ReceiveAsync("q", 1, TimeSpan.FromMinutes(5), default));

        Assert.Equal(1, await queues.ReleaseLeasesAsync(["dead"], default));

        var again = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromMinutes(5), default));
        Assert.Equal(("held by the dead", 2L), (again.Body, again.DequeueCount));
    }

    [Fact]
    public async Task BatchesComeOutInArrivalOrder()
    {
        foreach (var body in new[] { "a", "b", "c" })
        {
            await queues.SendAsync("q", body, null, default);
        }

        Assert.Equal(["a", "b"], (await queues.ReceiveAsync("q", 2, TimeSpan.FromMinutes(1), default)).Select(m => m.Body));
        Assert.Equal(["c"], (await queues.ReceiveAsync("q", 2, TimeSpan.FromMinutes(1), default)).Select(m => m.Body));
    }

    [Fact]
    public async Task ConcurrentSendsAreAllDurableOnceAcknowledged()
    {
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(() => queues.SendAsync("burst", $"m{i}", null, default))));
        await queues.DisposeAsync();

        queues = Open();

        Assert.Equal(2000, await queues.CountAsync("burst", default));
    }

    private SqliteQueueClient Open(string owner = "this-process") => new(new SqliteDatabase(Path.Combine(data.Path, "queues.db")), clock, owner);
}
