using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>
/// Part of <c>/api/health/ready</c>: unhealthy when a provider that a configured agent uses has an
/// open circuit (its calls fail at once), naming the provider and the agents; also when a setting
/// names an agent that does not exist, since every call of that purpose would fail.
/// </summary>
internal sealed class LlmHealthCheck(IDocumentStore store, IModelCircuits circuits, IOptions<LlmOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var open = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var purpose in Enum.GetValues<AgentPurpose>())
        {
            if (options.Value.Agents.AgentFor(purpose) is not { } agentId)
            {
                continue;
            }

            var agent = (await store.GetAsync<AgentDocument>(AgentCatalog.Collection, AgentCatalog.Partition, agentId, cancellationToken))?.Value;
            if (agent is null)
            {
                problems.Add($"Llm:Agents:{purpose} names agent '{agentId}', which does not exist");
            }
            else if (circuits.StateOf(agent.ProviderId) == CircuitState.Open)
            {
                open.TryAdd(agent.ProviderId, []);
                open[agent.ProviderId].Add($"{agentId} ({EnumQuery.Name(purpose)})");
            }
        }

        problems.AddRange(open.Select(p => $"provider '{p.Key}' has an open circuit (its recent calls failed), so agent(s) {string.Join(", ", p.Value)} cannot reach it"));
        return problems.Count == 0
            ? HealthCheckResult.Healthy("Every configured agent's provider is reachable or offline.")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }
}
