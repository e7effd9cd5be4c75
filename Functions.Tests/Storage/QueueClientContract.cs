using Sift.Storage;

namespace Sift.Tests.Storage;

/// <summary>
/// What every adapter of the queue port does (IQueueClient.cs), run against each: SQLite with a
/// manual clock, Azure Storage queues on Azurite with the real one. Times are whole seconds and
/// short, because Azure's visibility is whole seconds and the Azurite run waits them out.
/// </summary>
public abstract class QueueClientContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    protected abstract IQueueClient Queues { get; }

    /// <summary>Lets <paramref name="time"/> pass for the adapter's clock.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    /// <summary>The name a test's queue goes by; adapters sharing one emulator make it unique per test.</summary>
    protected virtual string Named(string queue) => queue;

    [Fact]
    public async Task ReceivedMessageIsInvisibleUntilItsLeaseEnds()
    {
        var q = Named("lease");
        await Queues.SendAsync(q, "one", null, default);

        var first = Assert.Single(await Queues.ReceiveAsync(q, 10, Lease, default));
        Assert.Empty(await Queues.ReceiveAsync(q, 10, Lease, default));
        await PassAsync(Lease + TimeSpan.FromSeconds(1));
        var again = Assert.Single(await Queues.ReceiveAsync(q, 10, Lease, default));

        Assert.Equal(("one", 1L, 2L), (first.Body, first.DequeueCount, again.DequeueCount));
        Assert.False(await Queues.CompleteAsync(first, default)); // its receipt is stale now
        Assert.True(await Queues.CompleteAsync(again, default));
        Assert.False(await Queues.CompleteAsync(again, default)); // gone
        Assert.Equal(0, await Queues.CountAsync(q, default));
    }

    [Fact]
    public async Task RenewedMessageStaysInvisibleAndOnlyItsNewReceiptCompletesIt()
    {
        var q = Named("renew");
        await Queues.SendAsync(q, "long", null, default);
        var received = Assert.Single(await Queues.ReceiveAsync(q, 10, Lease, default));
        await PassAsync(TimeSpan.FromSeconds(1));

        var renewed = await Queues.RenewAsync(received, TimeSpan.FromSeconds(4), default);
        await PassAsync(TimeSpan.FromSeconds(2)); // past the first lease, inside the renewed one

        Assert.NotNull(renewed);
        Assert.Empty(await Queues.ReceiveAsync(q, 10, Lease, default));
        Assert.Null(await Queues.RenewAsync(received, Lease, default));
        Assert.False(await Queues.CompleteAsync(received, default));
        Assert.True(await Queues.CompleteAsync(renewed, default));
    }

    [Fact]
    public async Task DelayedMessageAppearsAfterItsDelay()
    {
        var q = Named("delayed");
        await Queues.SendAsync(q, "later", TimeSpan.FromSeconds(2), default);

        Assert.Empty(await Queues.ReceiveAsync(q, 10, Long, default));
        await PassAsync(TimeSpan.FromSeconds(3));
        Assert.Equal("later", Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default)).Body);
    }

    [Fact]
    public async Task AbandonedMessageReturnsAfterTheGivenDelay()
    {
        var q = Named("abandoned");
        await Queues.SendAsync(q, "retry", null, default);
        var message = Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default));

        await Queues.AbandonAsync(message, TimeSpan.FromSeconds(2), default);

        Assert.Empty(await Queues.ReceiveAsync(q, 10, Long, default));
        await PassAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(2, Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default)).DequeueCount);
    }

    [Fact]
    public async Task AbandonedWithoutDelayIsVisibleAtOnce()
    {
        var q = Named("abandoned-now");
        await Queues.SendAsync(q, "retry", null, default);
        var message = Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default));

        await Queues.AbandonAsync(message, TimeSpan.Zero, default);

        Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default));
    }

    [Fact]
    public async Task DeadLetteredMessageMovesToThePoisonQueue()
    {
        var q = Named("dead");
        await Queues.SendAsync(q, "bad", null, default);
        var message = Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default));

        await Queues.DeadLetterAsync(message, default);

        Assert.Equal(0, await Queues.CountAsync(q, default));
        Assert.Equal("bad", Assert.Single(await Queues.ReceiveAsync(QueueNames.Poison(q), 10, Long, default)).Body);
    }

    [Fact]
    public async Task BatchesHoldAtMostTheAskedNumberAndQueuesAreSeparate()
    {
        var (q, other) = (Named("batch"), Named("other"));
        foreach (var body in new[] { "a", "b", "c" })
        {
            await Queues.SendAsync(q, body, null, default);
        }

        await Queues.SendAsync(other, "x", null, default);

        var first = await Queues.ReceiveAsync(q, 2, Long, default);
        var second = await Queues.ReceiveAsync(q, 2, Long, default);
        Assert.Equal(2, first.Count);
        Assert.Equal(["a", "b", "c"], first.Concat(second).Select(m => m.Body).Order());
        Assert.Equal("x", Assert.Single(await Queues.ReceiveAsync(other, 10, Long, default)).Body);
    }

    [Fact]
    public async Task ConcurrentReceiversNeverGetTheSameMessage()
    {
        var q = Named("shared");
        await Task.WhenAll(Enumerable.Range(0, 96).Select(i => Queues.SendAsync(q, $"m{i}", null, default)));

        var batches = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Queues.ReceiveAsync(q, 8, Long, default))));

        var ids = batches.SelectMany(b => b).Select(m => m.Id).ToList();
        Assert.Equal(96, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task WaitingReceiverWakesWhenAMessageArrives()
    {
        var q = Named("wake");
        var waiting = Queues.WaitForMessagesAsync(q, TimeSpan.FromMinutes(5), default);
        Assert.False(waiting.IsCompleted);

        await Queues.SendAsync(q, "now", null, default);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PeekingPagesAfterAnIdWithoutReceiving()
    {
        var q = Named("peek");
        foreach (var body in new[] { "a", "b", "c" })
        {
            await Queues.SendAsync(q, body, null, default);
        }

        var page = await Queues.PeekAsync(q, null, 2, default);
        var next = await Queues.PeekAsync(q, page[^1].Id, 2, default);

        Assert.Equal(["a", "b"], page.Select(m => m.Body));
        Assert.Equal("c", Assert.Single(next).Body);
        Assert.All(await Queues.ReceiveAsync(q, 10, Long, default), m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task MovedMessageStartsAfreshAndTheOthersStayVisible()
    {
        var (poison, q) = (QueueNames.Poison(Named("move")), Named("move"));
        await Queues.SendAsync(poison, "stays", null, default);
        await Queues.SendAsync(poison, "goes", null, default);
        var goes = (await Queues.PeekAsync(poison, null, 10, default)).Single(m => m.Body == "goes");

        Assert.True(await Queues.MoveAsync(poison, goes.Id, q, default));

        var moved = Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default));
        Assert.Equal(("goes", 1L), (moved.Body, moved.DequeueCount));
        Assert.Equal("stays", Assert.Single(await Queues.ReceiveAsync(poison, 10, Long, default)).Body);
    }

    [Fact]
    public async Task DeletingRemovesOnlyThatMessageAndUnknownIdsAnswerFalse()
    {
        var q = Named("delete");
        await Queues.SendAsync(q, "keep", null, default);
        await Queues.SendAsync(q, "drop", null, default);
        var drop = (await Queues.PeekAsync(q, null, 10, default)).Single(m => m.Body == "drop");

        Assert.True(await Queues.DeleteAsync(q, drop.Id, default));

        Assert.False(await Queues.DeleteAsync(q, drop.Id, default));
        Assert.False(await Queues.MoveAsync(q, drop.Id, Named("elsewhere"), default));
        Assert.Equal("keep", Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default)).Body);
    }

    [Fact]
    public async Task MeasuringCountsMessagesAndDatesTheOldest()
    {
        var (q, empty) = (Named("measure"), Named("empty"));
        await Queues.SendAsync(q, "a", null, default);
        await Queues.SendAsync(q, "b", null, default);

        var depth = await Queues.MeasureAsync(q, default);

        Assert.Equal(2, depth.Count);
        Assert.NotNull(depth.OldestInsertedAt);
        Assert.Equal(new QueueDepth(0, null), await Queues.MeasureAsync(empty, default));
    }

    [Fact]
    public async Task BodyAtTheLimitRoundTripsAndOneByteMoreIsRefused()
    {
        var q = Named("limit");
        var atLimit = new string('ж', QueueLimits.MaxBodyBytes / 2);

        await Queues.SendAsync(q, atLimit, null, default);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Queues.SendAsync(q, atLimit + "x", null, default));

        Assert.Contains("Store the payload first", error.Message);
        Assert.Equal(atLimit, Assert.Single(await Queues.ReceiveAsync(q, 10, Long, default)).Body);
    }
}
