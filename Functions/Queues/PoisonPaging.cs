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
        protection.SealOpaque(lastId, Collection, poisonQueue);

    /// <exception cref="InvalidContinuationException">The token was altered or issued by another list.</exception>
    public static string Open(ContinuationProtection protection, string poisonQueue, string token) =>
        protection.OpenOpaque(token, Collection, poisonQueue);
}
