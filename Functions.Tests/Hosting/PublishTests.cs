using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sift.Hosting;
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
/// A published folder is a complete function app: host.json, the app, and one function.json per
/// catalog entry (the catalog comes from the app's own services, so a new function cannot be missed).
/// </summary>
public sealed class PublishTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    [Fact]
    public void EveryCatalogEntryHasItsFunctionJsonAndNothingElseDoes()
    {
        var catalog = Catalog();

        var written = Directory.EnumerateFiles(published.Path, "function.json", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(published.Path, file)).Order().ToList();

        Assert.Equal(catalog.Select(f => System.IO.Path.Combine(f.Name, "function.json")).Order(), written);
        Assert.True(File.Exists(System.IO.Path.Combine(published.Path, "host.json")));
        Assert.True(File.Exists(System.IO.Path.Combine(published.Path, "Functions.dll")));
    }

    [Fact]
    public void EachFunctionJsonDescribesItsTriggerAsTheCatalogDoes()
    {
        foreach (var function in Catalog())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(published.Path, function.Name, "function.json")));
            var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings[0];
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            switch (function.Trigger)
            {
                case QueueTrigger queue:
                    Assert.Single(bindings);
                    Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(FunctionMetadata.QueueBinding, trigger.GetProperty("name").GetString());
                    Assert.Equal(queue.QueueName, trigger.GetProperty("queueName").GetString());
                    Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
                    break;
                case TimerTrigger timer:
                    Assert.Single(bindings);
                    Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(FunctionMetadata.TimerBinding, trigger.GetProperty("name").GetString());
                    Assert.Equal($"%{timer.ScheduleSetting}%", trigger.GetProperty("schedule").GetString());
                    break;
                case HttpTrigger http:
                    // Exactly an HTTP trigger and an HTTP output: only then does the host proxy the raw request.
                    Assert.Equal(2, bindings.Count);
                    Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
                    Assert.Equal(http.Route, trigger.GetProperty("route").GetString());
                    Assert.Equal(http.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                    Assert.Equal("http", bindings[1].GetProperty("type").GetString());
                    Assert.Equal("out", bindings[1].GetProperty("direction").GetString());
                    break;
                default:
                    Assert.Fail($"{function.Name} has a trigger the test does not know.");
                    break;
            }
        }
    }

    [Fact]
    public async Task TheHttpFunctionsAcceptEveryMethodTheApiAnswers()
    {
        await using var app = new SiftApp();
        var declared = Catalog(app).Select(f => f.Trigger).OfType<HttpTrigger>().SelectMany(t => t.Methods).ToHashSet();

        var used = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Select(m => m.ToLowerInvariant()).ToHashSet();

        Assert.Subset(declared, used);
    }

    private static List<FunctionDefinition> Catalog()
    {
        using var app = new SiftApp();
        return Catalog(app);
    }

    private static List<FunctionDefinition> Catalog(SiftApp app) => [.. app.Get<IEnumerable<FunctionDefinition>>()];
}
