using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// Who may start an instance id: one document per id, taken with a single-document compare-and-swap, so of many
/// concurrent starts exactly one goes on to schedule. Durable's own dedupe statuses hold on the embedded and in-memory
/// backends, but on Azure Storage concurrent starts of one id are each told they started it (measured: 17 of 50), so
/// the API could not say 409 to the others. A claim may be taken when the instance is not active and either no claim
/// exists, the claimed execution has ended since, or the claim is older than <see cref="Hold"/> (its holder died
/// before scheduling). Times are the system clock's, because they are compared with the backend's.
/// </summary>
internal sealed class StartClaims(IDocumentStore store)
{
    public const string Collection = "orchestration-starts";

    /// <summary>How long a claim holds off other starts while the instance it announced may not be visible yet.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <param name="current">The instance as read just before: every starter decides on what it saw, and only one claim write wins.</param>
    /// <returns>Whether this caller holds the claim and should schedule.</returns>
    public async Task<bool> TryClaimAsync(string instanceId, OrchestrationInstance? current, CancellationToken cancellationToken)
    {
        var claim = new StartClaim(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
        var result = await store.ModifyAsync<StartClaim>(Collection, instanceId, instanceId, held => MayStart(held, current, claim.ClaimedAt) ? claim : held, cancellationToken);
        return result.Value?.Token == claim.Token;
    }

    public Task ForgetAsync(string instanceId, CancellationToken cancellationToken) => store.DeleteAsync(Collection, instanceId, instanceId, cancellationToken);

    private static bool MayStart(StartClaim? held, OrchestrationInstance? current, DateTimeOffset now) => current is not { IsActive: true } && (
        held is null
        || current is { HasEnded: true } && current.LastUpdatedAt > held.ClaimedAt
        || now - held.ClaimedAt > Hold);

    private sealed record StartClaim(string Token, DateTimeOffset ClaimedAt);
}
