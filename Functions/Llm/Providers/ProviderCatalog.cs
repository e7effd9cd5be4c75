using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>The model providers, all in one partition (an admin keeps a handful).</summary>
public sealed class ProviderCatalog(IDocumentStore store, SecretProtector secrets, AgentDirectory directory, TimeProvider clock)
{
    public const string Collection = "providers";
    public const string Partition = "providers";

    /// <summary>What a provider's key is bound to when encrypted: this provider's document, this field.</summary>
    public static SecretBinding KeyBinding(string providerId) => new(Collection, providerId, "protectedApiKey");

    public async Task<ProviderDocument> CreateAsync(CreateProviderRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!LlmIds.IsValid(request.Id))
        {
            errors["id"] = [$"id is {LlmIds.Rule}."];
        }

        ProviderType? type = null;
        try
        {
            type = request.Type is null ? null : EnumQuery.Parse<ProviderType>(request.Type, "type");
        }
        catch (ValidationException e)
        {
            errors["type"] = [e.Message];
        }

        if (type is null && !errors.ContainsKey("type"))
        {
            errors["type"] = [$"type is required: one of {string.Join(", ", EnumQuery.Names<ProviderType>().Select(n => n.Name))}."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var provider = ProviderValidation.Build(request.Id!, type!.Value, null, request.Input, secrets, clock.GetUtcNow());
        try
        {
            await store.CreateAsync(Collection, Partition, provider.Id, provider, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            throw new ConflictException($"A provider '{provider.Id}' exists already; choose another id.");
        }

        return provider;
    }

    public async Task<ProviderDocument?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<ProviderDocument>(Collection, Partition, id, cancellationToken))?.Value;

    public async Task<ProviderDocument> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No provider '{ProblemTitles.Echo(id)}'.");

    public Task<Page<ProviderDocument>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<ProviderDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Changes what the request names; a request that changes nothing leaves the provider (and its updatedAt) as it was.</summary>
    public async Task<ProviderDocument> UpdateAsync(string id, UpdateProviderRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = await store.ModifyAsync<ProviderDocument>(Collection, Partition, id, stored =>
        {
            var provider = stored ?? throw new NotFoundException($"No provider '{ProblemTitles.Echo(id)}'.");
            var changed = ProviderValidation.Build(id, provider.Type, provider, request.Input, secrets, now);
            return changed with { UpdatedAt = provider.UpdatedAt } == provider ? provider : changed;
        }, cancellationToken);
        directory.Forget();
        return result.Value!;
    }

    /// <exception cref="ConflictException">An agent uses the provider.</exception>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var users = await store.QueryAsync<AgentDocument>(AgentCatalog.Collection,
            new DocumentQuery { Partition = AgentCatalog.Partition, Equal = new Dictionary<string, object> { ["providerId"] = id }, Limit = 20 }, cancellationToken);
        if (users.Items.Count > 0)
        {
            throw new ConflictException(
                $"Provider '{id}' is used by agent(s) {string.Join(", ", users.Items.Select(a => $"'{a.Id}'"))}{(users.Continuation is null ? "" : " and more")}; delete them or move them to another provider first.");
        }

        if (!await store.DeleteAsync(Collection, Partition, id, cancellationToken))
        {
            throw new NotFoundException($"No provider '{ProblemTitles.Echo(id)}'.");
        }

        directory.Forget();
    }
}
