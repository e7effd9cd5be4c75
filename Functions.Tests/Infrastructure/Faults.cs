using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Storage;

namespace Sift.Tests.Infrastructure;

/// <summary>The process "dies" here: thrown by a fault to stand for a crash at that point.</summary>
public sealed class InjectedCrashException() : Exception("Injected crash");

/// <summary>
/// Fault injection at the storage edge: wraps the real store and queue and throws once when a
/// condition first holds, standing for a crash at that point of a handler.
/// </summary>
public sealed class Faults
{
    private int replaceFired;
    private int sendFired;
    private int queryFired;
    private int upsertFired;

    /// <summary>Crash on the first replace whose document matches (the side effects already ran, the commit did not).</summary>
    public Func<string, object?, bool>? CrashOnReplace { get; set; }

    /// <summary>Crash on the first upsert whose document matches.</summary>
    public Func<string, object?, bool>? CrashOnUpsert { get; set; }

    /// <summary>Crash on the first send whose queue and body match (the commit happened, the next message was not sent).</summary>
    public Func<string, string, bool>? CrashOnSend { get; set; }

    /// <summary>Crash on the first query of a matching collection (the store is unreachable when the work begins).</summary>
    public Func<string, bool>? CrashOnQuery { get; set; }

    /// <summary>What a fault throws: a crash by default, or e.g. what a throttled store answers.</summary>
    public Func<Exception> Failure { get; set; } = () => new InjectedCrashException();

    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queries of a matching collection wait until <see cref="Release"/>: work that stays in flight as long as a test needs.</summary>
    public Func<string, bool>? HoldOnQuery { get; set; }

    /// <summary>Every matching call fails, not only the first: a store that stays unreachable.</summary>
    public bool Always { get; set; }

    public bool Fired => replaceFired + sendFired + queryFired + upsertFired > 0;

    public void Release() => released.TrySetResult();

    public void Install(IServiceCollection services)
    {
        Wrap<IDocumentStore>(services, store => new FaultyStore(store, this));
        Wrap<IQueueClient>(services, queues => new FaultyQueues(queues, this));
    }

    private static void Wrap<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Replace(ServiceDescriptor.Singleton(provider => wrap((T)original.ImplementationFactory!(provider))));
    }

    private bool ShouldCrashReplace(string collection, object? document) =>
        CrashOnReplace?.Invoke(collection, document) == true && (Interlocked.Exchange(ref replaceFired, 1) == 0 || Always);

    private bool ShouldCrashUpsert(string collection, object? document) =>
        CrashOnUpsert?.Invoke(collection, document) == true && (Interlocked.Exchange(ref upsertFired, 1) == 0 || Always);

    private bool ShouldCrashQuery(string collection) =>
        CrashOnQuery?.Invoke(collection) == true && (Interlocked.Exchange(ref queryFired, 1) == 0 || Always);

    private bool ShouldCrashSend(string queue, string body) =>
        CrashOnSend?.Invoke(queue, body) == true && (Interlocked.Exchange(ref sendFired, 1) == 0 || Always);

    private sealed class FaultyStore(IDocumentStore inner, Faults faults) : IDocumentStore
    {
        public Task<Stored<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken) =>
            inner.GetAsync<T>(collection, partition, id, cancellationToken);

        public Task<Stored<T>> CreateAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken) =>
            inner.CreateAsync(collection, partition, id, document, cancellationToken);

        public Task<Stored<T>> ReplaceAsync<T>(string collection, string partition, string id, T document, string etag, CancellationToken cancellationToken) =>
            faults.ShouldCrashReplace(collection, document) ? throw faults.Failure() : inner.ReplaceAsync(collection, partition, id, document, etag, cancellationToken);

        public Task<Stored<T>> UpsertAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken) =>
            faults.ShouldCrashUpsert(collection, document) ? throw faults.Failure() : inner.UpsertAsync(collection, partition, id, document, cancellationToken);

        public Task<bool> DeleteAsync(string collection, string partition, string id, CancellationToken cancellationToken) =>
            inner.DeleteAsync(collection, partition, id, cancellationToken);

        public async Task<Page<T>> QueryAsync<T>(string collection, DocumentQuery query, CancellationToken cancellationToken)
        {
            if (faults.HoldOnQuery?.Invoke(collection) == true)
            {
                await faults.released.Task.WaitAsync(cancellationToken);
            }

            return faults.ShouldCrashQuery(collection) ? throw faults.Failure() : await inner.QueryAsync<T>(collection, query, cancellationToken);
        }

        public Task<long> CountAsync(string collection, DocumentQuery query, CancellationToken cancellationToken) =>
            inner.CountAsync(collection, query, cancellationToken);
    }

    private sealed class FaultyQueues(IQueueClient inner, Faults faults) : IQueueClient
    {
        public Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken) =>
            faults.ShouldCrashSend(queue, body) ? throw faults.Failure() : inner.SendAsync(queue, body, delay, cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
            inner.ReceiveAsync(queue, maxMessages, visibilityTimeout, cancellationToken);

        public Task<QueueMessage?> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
            inner.RenewAsync(message, visibilityTimeout, cancellationToken);

        public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) => inner.CompleteAsync(message, cancellationToken);

        public Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken) => inner.AbandonAsync(message, delay, cancellationToken);

        public Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken) => inner.DeadLetterAsync(message, cancellationToken);

        public Task<long> CountAsync(string queue, CancellationToken cancellationToken) => inner.CountAsync(queue, cancellationToken);

        public Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken) => inner.MeasureAsync(queue, cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, string? afterId, int maxMessages, CancellationToken cancellationToken) =>
            inner.PeekAsync(queue, afterId, maxMessages, cancellationToken);

        public Task<bool> MoveAsync(string fromQueue, string id, string toQueue, CancellationToken cancellationToken) => inner.MoveAsync(fromQueue, id, toQueue, cancellationToken);

        public Task<bool> DeleteAsync(string queue, string id, CancellationToken cancellationToken) => inner.DeleteAsync(queue, id, cancellationToken);

        public Task<int> ReleaseLeasesAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken) => inner.ReleaseLeasesAsync(owners, cancellationToken);

        public Task WaitForMessagesAsync(string queue, TimeSpan maxWait, CancellationToken cancellationToken) => inner.WaitForMessagesAsync(queue, maxWait, cancellationToken);
    }
}
