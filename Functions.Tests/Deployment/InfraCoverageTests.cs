using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Hosting;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Deployment;

/// <summary>
/// What infra/ declares up front matches what the app uses: with local auth off, the app's
/// data-plane role cannot create a Cosmos container, so a collection missing in infra/ would fail
/// only in Azure. A container no collection uses yet costs nothing; a missing one breaks Sift.
/// </summary>
public sealed class InfraCoverageTests
{
    [Fact]
    public void EveryCollectionHasACosmosContainerIndexingItsFields()
    {
        using var app = new SiftApp();
        var containers = Declared<Container>("cosmos-containers.json").ToDictionary(c => c.Name);

        Assert.All(app.Services.GetServices<CollectionDefinition>(), collection =>
        {
            Assert.True(containers.TryGetValue(collection.Name, out var container), $"No container for collection '{collection.Name}' in infra/core/cosmos-containers.json.");
            Assert.Equal(collection.SortFields, container.SortFields ?? []);
            Assert.Equal(collection.FilterFields, container.FilterFields ?? []);
        });
    }

    [Fact]
    public void EveryQueueTriggerHasAStorageQueueAndNothingElseDoes()
    {
        using var app = new SiftApp();
        var read = app.Services.GetServices<FunctionDefinition>().Select(f => f.Trigger).OfType<QueueTrigger>().Select(t => t.QueueName);

        Assert.Equal(read.Order(StringComparer.Ordinal), Declared<string>("storage-queues.json").Order(StringComparer.Ordinal));
    }

    private static T[] Declared<T>(string file) =>
        JsonSerializer.Deserialize<T[]>(File.ReadAllText(RepositoryFiles.PathOf("infra", "core", file)), JsonSerializerOptions.Web)!;

    private sealed record Container(string Name, string[]? SortFields, string[]? FilterFields);
}
