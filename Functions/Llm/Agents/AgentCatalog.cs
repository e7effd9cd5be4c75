using Sift.Api;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>The agents (a model with its settings, for one purpose), all in one partition.</summary>
public sealed class AgentCatalog(IDocumentStore store, ProviderCatalog providers, AgentDirectory directory, TimeProvider clock)
{
    public const string Collection = "agents";
    public const string Partition = "agents";

    /// <summary>Filtered on to find the agents of a provider before it is deleted.</summary>
    public static CollectionDefinition Definition { get; } = new(Collection, [], ["providerId"]);

    public async Task<AgentDocument> CreateAsync(CreateAgentRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!LlmIds.IsValid(request.Id) || LlmOptions.IsOffline(request.Id))
        {
            errors["id"] = [$"id is {LlmIds.Rule}, and not '{LlmOptions.Offline}'."];
        }

        AgentPurpose? purpose = null;
        try
        {
            purpose = EnumQuery.Parse<AgentPurpose>(request.Purpose, "purpose");
        }
        catch (ValidationException e)
        {
            errors["purpose"] = [e.Message];
        }

        if (purpose is null && !errors.ContainsKey("purpose"))
        {
            errors["purpose"] = [$"purpose is required: one of {string.Join(", ", EnumQuery.Names<AgentPurpose>().Select(n => n.Name))}."];
        }

        if (string.IsNullOrWhiteSpace(request.ProviderId))
        {
            errors["providerId"] = ["providerId is required."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var now = clock.GetUtcNow();
        var agent = new AgentDocument(request.Id!, request.Name?.Trim() ?? request.Id!, request.ProviderId!, purpose!.Value, Blank(request.Model),
            request.Temperature, request.MaxOutputTokens, now, now);
        AgentValidation.Check(agent, await providers.FindAsync(agent.ProviderId, cancellationToken));
        try
        {
            await store.CreateAsync(Collection, Partition, agent.Id, agent, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            throw new ConflictException($"An agent '{agent.Id}' exists already; choose another id.");
        }

        directory.Forget();
        return agent;
    }

    public async Task<AgentDocument> GetAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<AgentDocument>(Collection, Partition, id, cancellationToken))?.Value
        ?? throw new NotFoundException($"No agent '{ProblemTitles.Echo(id)}'.");

    public Task<Page<AgentDocument>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<AgentDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Changes what the request names; a request that changes nothing leaves the agent (and its updatedAt, so its version) as it was.</summary>
    public async Task<AgentDocument> UpdateAsync(string id, UpdateAgentRequest request, CancellationToken cancellationToken)
    {
        var current = await GetAsync(id, cancellationToken);
        var providerId = request.ProviderId ?? current.ProviderId;
        var provider = await providers.FindAsync(providerId, cancellationToken);
        var now = clock.GetUtcNow();
        var result = await store.ModifyAsync<AgentDocument>(Collection, Partition, id, stored =>
        {
            var agent = stored ?? throw new NotFoundException($"No agent '{ProblemTitles.Echo(id)}'.");
            var changed = AgentValidation.Check(agent with
            {
                Name = request.Name?.Trim() ?? agent.Name,
                ProviderId = providerId,
                Model = request.Model is null ? agent.Model : Blank(request.Model),
                Temperature = request.Temperature ?? agent.Temperature,
                MaxOutputTokens = request.MaxOutputTokens ?? agent.MaxOutputTokens,
            }, provider);
            return changed == agent ? agent : changed with { UpdatedAt = now };
        }, cancellationToken);
        directory.Forget();
        return result.Value!;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(Collection, Partition, id, cancellationToken))
        {
            throw new NotFoundException($"No agent '{ProblemTitles.Echo(id)}'.");
        }

        directory.Forget();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
