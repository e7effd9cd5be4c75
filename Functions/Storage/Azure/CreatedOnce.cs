using System.Collections.Concurrent;

namespace Sift.Storage;

/// <summary>
/// A resource (a queue, a blob container) created at most once per process and name: creating is an
/// extra call that every send should not pay. A failed creation is forgotten, so the next caller tries again.
/// </summary>
internal sealed class CreatedOnce<T>(Func<string, Task<T>> create)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> created = new();

    public async Task<T> GetAsync(string name, CancellationToken cancellationToken)
    {
        var creation = created.GetOrAdd(name, key => new Lazy<Task<T>>(() => create(key)));
        try
        {
            return await creation.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (creation.Value.IsFaulted)
        {
            created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, creation));
            throw;
        }
    }
}
