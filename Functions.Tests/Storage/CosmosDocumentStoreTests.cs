using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>
/// The contract on Cosmos DB, against cosmosdb-server (npm <c>@vercel/cosmosdb-server</c>, one
/// per class); each test gets a database of its own. What cosmosdb-server cannot emulate, and how
/// that part is covered instead:
/// <list type="bullet">
/// <item>429 throttling and the SDK's retries: the retry options are set explicitly in code
/// (<see cref="CosmosClients"/>) and <c>CosmosOptionsTests</c> checks them on the client options.</item>
/// <item>Entra ID (RBAC) auth and local auth disabled: it accepts any key. The credential choice
/// (DefaultAzureCredential / ManagedIdentityCredential) is checked through the options; the role
/// assignment and the declared containers are in infra/ (Bicep build and lint in CI); the 403 on
/// container creation becomes a start-up error naming infra (<see cref="CosmosContainers"/>).</item>
/// <item>Indexing: it checks that a multi-field ORDER BY has an exactly matching composite index
/// (so the paging tests prove the policy we write covers our queries), but it neither applies
/// included/excluded paths nor charges for them; <c>CosmosContainerTests</c> checks the policy.</item>
/// <item>TTL expiry: it stores <c>defaultTtl</c> and <c>ttl</c> but never expires anything;
/// the container's TTL and the per-document ttl are checked as written, and Maintenance still
/// deletes expired rate-limit windows on every adapter (RateLimit tests).</item>
/// <item>Consistency levels, partition splits, RU charges, Direct mode (it speaks the gateway
/// protocol only): the store relies on single-document atomicity and its own keyset tokens, never
/// on the SDK's continuation or on cross-document consistency, so nothing here depends on them.</item>
/// <item>Query plans: the SDK asks the gateway for one before every query and cosmosdb-server
/// has none; Emulators/cosmosdb-server.js answers with a plan of its single partition range, so
/// the query runs as written there. A cross-partition ORDER BY/TOP/COUNT merged by the SDK from
/// several physical partitions is left to the service; the store neither depends on the SDK's
/// continuation nor on partial results, and sums partial counts.</item>
/// <item>Numbers beyond 2^53: it is JavaScript, and the service compares numbers as doubles in
/// queries too; Sift's ids and counters stay far below that.</item>
/// </list>
/// </summary>
public sealed class CosmosDocumentStoreTests(CosmosEmulator emulator) : DocumentStoreContract, IClassFixture<CosmosEmulator>
{
    private readonly CosmosOptions options = new() { ConnectionString = emulator.ConnectionString, Database = $"t{Guid.NewGuid():N}" };
    private readonly List<CosmosDocumentStore> others = [];

    protected override async Task<IDocumentStore> OpenAsync(ContinuationProtection continuations) =>
        await CosmosDocumentStore.OpenAsync(options, [Notes], continuations, default);

    protected override async Task<IDocumentStore> OpenOtherKeyAsync()
    {
        var other = await CosmosDocumentStore.OpenAsync(options, [Notes], ContinuationProtection.Ephemeral(), default);
        others.Add(other);
        return other;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        others.ForEach(other => other.Dispose());
    }

    [Fact]
    public async Task OpeningAgainKeepsTheContainersAndTheirDocuments()
    {
        await Store.CreateAsync("notes", "p", "1", new Note("1", "kept", "2026-01-01"), default);

        using var reopened = await CosmosDocumentStore.OpenAsync(options, [Notes], ContinuationProtection.Ephemeral(), default);

        Assert.Equal("kept", (await reopened.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task UnreachableAccountStopsStartupNamingTheSetting()
    {
        var unreachable = new CosmosOptions { ConnectionString = $"AccountEndpoint=https://127.0.0.1:9/;AccountKey={Convert.ToBase64String(new byte[64])};" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CosmosDocumentStore.OpenAsync(unreachable, [Notes], ContinuationProtection.Ephemeral(), default));

        Assert.StartsWith("CosmosDb:", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }
}
