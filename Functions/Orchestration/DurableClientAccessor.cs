using Microsoft.DurableTask.Client;

namespace Sift.Orchestration;

/// <summary>
/// The Durable client of the function running on this async flow, as <c>IHttpContextAccessor</c> holds the request.
/// Under the Functions host a function receives the client only through its <c>[DurableClient]</c> binding (it knows
/// the host's endpoint and task hub), so a function that starts, reads or purges orchestrations declares one, and the
/// host glue (the worker middleware; the standalone host's invokers) hands it here before the function runs. Asking
/// without one is a function that forgot its binding: both hosts refuse it alike.
/// </summary>
public sealed class DurableClientAccessor
{
    private readonly AsyncLocal<DurableTaskClient?> current = new();

    public DurableTaskClient Client => current.Value
        ?? throw new InvalidOperationException("This function declares no [DurableClient] parameter, so it has no Durable client.");

    /// <summary>For the rest of this async flow (the invocation), <paramref name="client"/> is the client.</summary>
    public void Use(DurableTaskClient client) => current.Value = client;
}
