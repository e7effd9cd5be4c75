using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

public sealed class SqliteQueueClientTests : IAsyncLifetime
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

    [Fact]
    public async Task ReceivedMessageIsInvisibleUntilItsLeaseEnds()
    {
        await queues.SendAsync("q", "one", null, default);

        var first = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
        Assert.Empty(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
        clock.Advance(TimeSpan.FromSeconds(31));
        var again = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));

        Assert.Equal(("one", 1L, 2L), (first.Body, first.DequeueCount, again.DequeueCount));
        Assert.False(await queues.CompleteAsync(first, default)); // its receipt is stale now
        Assert.True(await queues.CompleteAsync(again, default));
        Assert.Equal(0, await queues.CountAsync("q", default));
    }

    [Fact]
    public async Task RenewedMessageStaysInvisibleAndOnlyItsNewReceiptCompletesIt()
    {
        await queues.SendAsync("q", "long", null, default);
        var received = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
        clock.Advance(TimeSpan.FromSeconds(20));

        var renewed = await queues.RenewAsync(received, TimeSpan.FromSeconds(30), default);
        clock.Advance(TimeSpan.FromSeconds(20)); // past the first lease, inside the renewed one

        Assert.NotNull(renewed);
        Assert.Empty(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
        Assert.Null(await queues.RenewAsync(received, TimeSpan.FromSeconds(30), default));
        Assert.False(await queues.CompleteAsync(received, default));
        Assert.True(await queues.CompleteAsync(renewed, default));
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
    public async Task DelayedMessageAppearsAfterItsDelay()
    {
        await queues.SendAsync("q", "later", TimeSpan.FromSeconds(10), default);

        Assert.Empty(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task AbandonedMessageReturnsAfterTheGivenDelay()
    {
        await queues.SendAsync("q", "retry", null, default);
        var message = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromMinutes(5), default));

        await queues.AbandonAsync(message, TimeSpan.FromSeconds(2), default);

        Assert.Empty(await queues.ReceiveAsync("q", 10, TimeSpan.FromMinutes(5), default));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromMinutes(5), default));
    }

    [Fact]
    public async Task DeadLetteredMessageMovesToThePoisonQueue()
    {
        await queues.SendAsync("q", "bad", null, default);
        var message = Assert.Single(await queues.ReceiveAsync("q", 10, TimeSpan.FromMinutes(5), default));

        await queues.DeadLetterAsync(message, default);

        Assert.Equal(0, await queues.CountAsync("q", default));
        Assert.Equal("bad", Assert.Single(await queues.ReceiveAsync("q-poison", 10, TimeSpan.FromMinutes(5), default)).Body);
    }

    [Fact]
    public async Task BatchesComeOutInArrivalOrderAndQueuesAreSeparate()
    {
        foreach (var body in new[] { "a", "b", "c" })
        {
            await queues.SendAsync("q", body, null, default);
        }

        await queues.SendAsync("other", "x", null, default);

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

    [Fact]
    public async Task ConcurrentReceiversNeverGetTheSameMessage()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => queues.SendAsync("shared", $"m{i}", null, default)));

        var batches = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => queues.ReceiveAsync("shared", 16, TimeSpan.FromMinutes(1), default))));

        var ids = batches.SelectMany(b => b).Select(m => m.Id).ToList();
        Assert.Equal(300, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task WaitingReceiverWakesWhenAMessageArrives()
    {
        var waiting = queues.WaitForMessagesAsync("wake", TimeSpan.FromMinutes(5), default);
        Assert.False(waiting.IsCompleted);

        await queues.SendAsync("wake", "now", null, default);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private SqliteQueueClient Open(string owner = "this-process") => new(new SqliteDatabase(Path.Combine(data.Path, "queues.db")), clock, owner);
}
