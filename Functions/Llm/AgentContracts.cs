namespace Sift.Llm;

/// <summary>
/// Which agent serves each purpose: the settings <c>Llm:Agents:Classify</c>, <c>Llm:Agents:Extract</c>
/// and <c>Llm:Agents:Embed</c> name an agent id, or <c>offline</c> (the default) for the offline analyzer.
/// </summary>
public interface IAgentDirectory
{
    /// <returns>The model to call for <paramref name="purpose"/>, or null when the offline analyzer serves it.</returns>
    /// <exception cref="ModelUnavailableException">The setting names an agent (or the agent a provider) that does not exist.</exception>
    Task<ModelTarget?> ResolveAsync(AgentPurpose purpose, CancellationToken cancellationToken);
}

/// <summary>One model call's tokens, recorded for <c>/api/usage</c> (per day, per agent, per run).</summary>
/// <param name="RunId">The knowledge run (orchestration instance) the call served, if any.</param>
public sealed record UsageRecord(string AgentId, string ProviderId, AgentPurpose Purpose, string? RunId, TokenUsage Usage, int Calls, DateTimeOffset At);

public interface IUsageLedger
{
    /// <param name="callId">Identifies the call (e.g. run, batch and attempt), so a redone step records its calls once.</param>
    Task RecordAsync(string callId, UsageRecord record, CancellationToken cancellationToken);
}
