namespace Sift.Llm;

/// <summary>
/// What <see cref="IModelCircuits"/> answers until the model client registers its breakers
/// (registered with TryAdd, so the client's own registration takes its place): every circuit closed.
/// </summary>
internal sealed class ClosedCircuits : IModelCircuits
{
    public CircuitState StateOf(string providerId) => CircuitState.Closed;
}
