using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The containers the store creates and the shape it writes into them, read back with the SDK itself.</summary>
public sealed class CosmosContainerTests(CosmosEmulator emulator) : IClassFixture<CosmosEmulator>
{
    private static readonly CollectionDefinition Windows = new("windows", ["expiresAt"], ["keyId"]) { Expiry = TimeSpan.FromMinutes(2) };

    [Fact]
    public void IndexingPolicyIndexesDeclaredFieldsWithCompositeIndexesForEverySortOrder()
    {
        var policy = CosmosContainers.Properties(Windows).IndexingPolicy;

        Assert.Equal(["/*"], policy.ExcludedPaths.Select(p => p.Path));
        Assert.Equal(["/pk/?", "/doc/expiresAt/?", "/doc/keyId/?"], policy.IncludedPaths.Select(p => p.Path));
        Assert.Equal(
            ["/doc/expiresAt Ascending,/pk Ascending,/id Ascending", "/doc/expiresAt Descending,/pk Descending,/id Descending",
             "/pk Ascending,/id Ascending", "/pk Descending,/id Descending"],
            policy.CompositeIndexes.Select(index => string.Join(',', index.Select(p => $"{p.Path} {p.Order}"))));
    }

    [Fact]
    public async Task ContainersAreCreatedWithTheirPartitionKeyAndExpiry()
    {
        var options = new CosmosOptions { ConnectionString = emulator.ConnectionString, Database = $"t{Guid.NewGuid():N}" };
        using var store = await CosmosDocumentStore.OpenAsync(options, [Windows, new CollectionDefinition("plain")], ContinuationProtection.Ephemeral(), default);
        using var client = CosmosClients.Create(options);

        var windows = (await client.GetContainer(options.Database, "windows").ReadContainerAsync()).Resource;
        var plain = (await client.GetContainer(options.Database, "plain").ReadContainerAsync()).Resource;

        Assert.Equal(("/pk", 120), (windows.PartitionKeyPath, windows.DefaultTimeToLive));
        Assert.Equal(("/pk", (int?)null), (plain.PartitionKeyPath, plain.DefaultTimeToLive));
        Assert.Equal(4, windows.IndexingPolicy.CompositeIndexes.Count);
    }

    [Fact]
    public async Task DocumentIsStoredWrappedWithItsPartitionEscapedIdAndTtl()
    {
        var options = new CosmosOptions { ConnectionString = emulator.ConnectionString, Database = $"t{Guid.NewGuid():N}" };
        using var store = await CosmosDocumentStore.OpenAsync(options, [Windows], ContinuationProtection.Ephemeral(), default);
        await store.CreateAsync("windows", "key/1", "requests/60", new { Id = 7, ExpiresAt = 120 }, default);
        using var client = CosmosClients.Create(options);

        using var read = await client.GetContainer(options.Database, "windows").ReadItemStreamAsync("requests~2F60", new PartitionKey("key/1"));
        using var stored = await JsonDocument.ParseAsync(read.Content);

        var root = stored.RootElement;
        Assert.Equal(("requests~2F60", "key/1", 120), (root.GetProperty("id").GetString(), root.GetProperty("pk").GetString(), root.GetProperty("ttl").GetInt32()));
        Assert.Equal("""{"id":7,"expiresAt":120}""", root.GetProperty("doc").GetRawText());
    }
}
