using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Sift.Hosting;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>Publishes Functions once (Release, into a temporary folder), as a deployment does.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private readonly TempDirectory folder = new();

    public string Path => folder.Path;

    public async Task InitializeAsync()
    {
        var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", RepositoryFiles.PathOf("Functions", "Functions.csproj"), "-c", "Release", "-o", folder.Path, "-nodeReuse:false" })
        {
            publish.ArgumentList.Add(argument);
        }

        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await output}{await error}");
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// A published folder is a function app the Functions host runs as it is: the isolated worker (worker.config.json),
/// its functions (functions.metadata, written by the worker SDK from the [Function] methods), the host's extensions
/// (.azurefunctions/) and host.json with Durable's settings.
/// </summary>
public sealed class PublishTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    [Fact]
    public void TheFolderIsAnIsolatedWorkerFunctionApp()
    {
        using var worker = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(published.Path, "worker.config.json")));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Functions.dll", description.GetProperty("defaultWorkerPath").GetString());

        var extensions = Directory.EnumerateFiles(System.IO.Path.Combine(published.Path, ".azurefunctions"), "*.dll").Select(System.IO.Path.GetFileName).ToList();
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", extensions);
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", extensions);

        using var host = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(published.Path, "host.json")));
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void TheMetadataListsEveryTriggerWithItsBindings()
    {
        var functions = FunctionCatalog.Load(System.IO.Path.Combine(published.Path, FunctionCatalog.FileName));
        var byType = functions.ToLookup(f => f.Trigger.Type);

        Assert.All(byType["httpTrigger"], f => Assert.True(f.Trigger.Route is { Length: > 0 } && f.Trigger.Methods is { Count: > 0 }, f.Name));
        Assert.Equal(["AnalyzeMessage", "DeliverWebhook", "ProcessTelegramUpdate"], byType["queueTrigger"].Select(f => f.Name).Order());
        Assert.All(byType["queueTrigger"], f => Assert.Equal(QueueFunction.Connection, f.Trigger.Connection));
        Assert.Equal(["%Digests:Schedule%", "%Ingestion:Schedule%", "%Maintenance:Schedule%"], byType["timerTrigger"].Select(f => f.Trigger.Schedule).Order());
        // The timers that start or purge orchestrations bind the Durable client; the digest timer starts none.
        Assert.Equal(["Maintenance", "ScheduledIngestion"], byType["timerTrigger"].Where(f => f.BindsDurableClient).Select(f => f.Name).Order());
        Assert.True(byType["httpTrigger"].Count(f => f.BindsDurableClient) >= 5);
    }

    /// <summary>Under the host Durable finds orchestrators and activities by function name; standalone, the SDK by registered name.</summary>
    [Fact]
    public void EveryOrchestratorAndActivityIsAFunctionOfItsName()
    {
        var functions = FunctionCatalog.Load(System.IO.Path.Combine(published.Path, FunctionCatalog.FileName)).ToLookup(f => f.Trigger.Type, f => f.Name);
        using var app = new SiftApp();
        var activities = typeof(SiftServices).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ITaskActivity).IsAssignableFrom(t)).Select(t => t.Name);

        Assert.Equal(app.Get<IEnumerable<OrchestrationRegistration>>().Select(o => o.Name).Order(), functions["orchestrationTrigger"].Order());
        Assert.Equal(activities.Order(), functions["activityTrigger"].Order());
    }
}
