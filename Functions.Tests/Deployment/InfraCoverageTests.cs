using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sift.Hosting;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Deployment;

/// <summary>
/// What infra/ declares up front matches what the app uses: with local auth off, the app's
/// data-plane role cannot create a Cosmos container, so a collection missing in infra/ would fail
/// only in Azure (a container no collection uses yet costs nothing), and the host cannot fire a
/// timer whose schedule setting is missing.
/// </summary>
public sealed class InfraCoverageTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
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
            Assert.Equal(collection.ArrayFields, container.ArrayFields ?? []);
            Assert.Equal(collection.Vector, container.Vector);
            Assert.Equal(collection.FullTextField, container.FullTextField);
            Assert.Equal(collection.Expiry is { } expiry ? (int)Math.Ceiling(expiry.TotalSeconds) : null, container.DefaultTtl);
        });
    }

    /// <summary>Without the capabilities the service refuses a container with a vector or full-text policy.</summary>
    [Fact]
    public void TheAccountEnablesVectorAndFullTextSearchForTheCollectionsThatDeclareThem()
    {
        using var app = new SiftApp();
        var cosmos = File.ReadAllText(RepositoryFiles.PathOf("infra", "core", "cosmos.bicep"));
        var collections = app.Services.GetServices<CollectionDefinition>().ToList();

        Assert.Contains(collections, c => c.Vector is not null && c.FullTextField is not null);
        Assert.Contains("name: 'EnableNoSQLVectorSearch'", cosmos, StringComparison.Ordinal);
        Assert.Contains("name: 'EnableNoSQLFullTextSearch'", cosmos, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryQueueTriggerHasAStorageQueueAndNothingElseDoes()
    {
        using var app = new SiftApp();
        var read = app.Get<IReadOnlyList<FunctionEntry>>().Where(f => f.Trigger.Type == "queueTrigger").Select(f => f.Trigger.QueueName!);

        Assert.Equal(read.Order(StringComparer.Ordinal), Declared<string>("storage-queues.json").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTimerScheduleIsAnAppSettingWithTheAppsDefault()
    {
        using var app = new SiftApp();
        var main = File.ReadAllText(RepositoryFiles.PathOf("infra", "main.bicep"));

        Assert.All(app.Get<IReadOnlyList<FunctionEntry>>().Where(f => f.Trigger.Type == "timerTrigger").Select(f => f.Trigger.ScheduleSetting), setting =>
        {
            // The host resolves %Ingestion:Schedule% from the app setting Ingestion__Schedule.
            var appSetting = new Regex($@"(?m)^\s+{setting.Replace(":", "__", StringComparison.Ordinal)}: (?<param>\w+)$").Match(main);
            Assert.True(appSetting.Success, $"main.bicep sets no app setting for {setting}.");
            var parameter = infra.Template.GetProperty("parameters").GetProperty(appSetting.Groups["param"].Value);
            Assert.Equal(app.Get<IConfiguration>()[setting], parameter.GetProperty("defaultValue").GetString());
        });
    }

    private static T[] Declared<T>(string file) =>
        JsonSerializer.Deserialize<T[]>(File.ReadAllText(RepositoryFiles.PathOf("infra", "core", file)), JsonSerializerOptions.Web)!;

    private sealed record Container(string Name, string[]? SortFields, string[]? FilterFields, string[]? ArrayFields, VectorField? Vector, string? FullTextField, int? DefaultTtl);
}
