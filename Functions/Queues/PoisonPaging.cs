using Sift.Storage;

namespace Sift.Queues;

/// <summary>
/// Continuation tokens of a poison list: the id of the last message shown (messages list in id
/// order), sealed by the store's <see cref="ContinuationProtection"/> for this one queue, so a token
/// is accepted only by the list that issued it.
/// </summary>
internal static class PoisonPaging
{
    private const string Collection = "queue-poison";

    public static string Seal(ContinuationProtection protection, string poisonQueue, string lastId) =>
        protection.Seal(new ContinuationToken(null, poisonQueue, lastId), Collection, Query(poisonQueue));

    /// <exception cref="InvalidContinuationException">The token was altered or issued by another list.</exception>
    public static string Open(ContinuationProtection protection, string poisonQueue, string token) =>
        protection.Open(token, Collection, Query(poisonQueue)) is { Partition: var queue, Id: var id } && queue == poisonQueue
            ? id
            : throw new InvalidContinuationException();

    private static DocumentQuery Query(string poisonQueue) => new() { Partition = poisonQueue };
}
