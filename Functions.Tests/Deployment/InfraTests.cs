using System.Text.Json;
using System.Text.RegularExpressions;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Deployment;

/// <summary>
/// infra/ compiles and lints clean with the Bicep CLI, and azd finds what it needs: a value for
/// every parameter without a default, and the service azure.yaml deploys.
/// </summary>
public sealed partial class InfraTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    [Fact]
    public void MainBicepBuildsWithoutWarnings()
    {
        Assert.Equal("", infra.Build.Errors);
        Assert.Equal(0, infra.Build.ExitCode);
    }

    [Fact]
    public async Task MainBicepLintsClean()
    {
        var lint = await BicepCli.RunAsync("lint", "infra/main.bicep");

        Assert.Equal("", lint.Errors + lint.Output);
        Assert.Equal(0, lint.ExitCode);
    }

    [Fact]
    public void ParametersFileGivesEveryParameterWithoutDefaultFromTheAzdEnvironment()
    {
        var declared = infra.Template.GetProperty("parameters").EnumerateObject().ToList();
        var required = declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name);
        using var file = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("infra", "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString());

        Assert.Empty(required.Except(given.Keys));
        Assert.Empty(given.Keys.Except(declared.Select(p => p.Name)));
        Assert.All(given.Values, value => Assert.Matches(AzdVariable(), value));
    }

    [Fact]
    public void AzureYamlDeploysTheFunctionsProjectToTheTaggedApp()
    {
        var service = ServiceSettings(File.ReadAllText(RepositoryFiles.PathOf("azure.yaml")), "functions");

        Assert.Equal("./Functions", service["project"]);
        Assert.True(File.Exists(RepositoryFiles.PathOf("Functions", "Functions.csproj")));
        Assert.Equal("dotnet", service["language"]);
        Assert.Equal("function", service["host"]);
        Assert.Contains("'azd-service-name': 'functions'", File.ReadAllText(RepositoryFiles.PathOf("infra", "app", "functions.bicep")));
    }

    [Fact]
    public void OutputsAreNamedAsTheAppSettingsTheyFeed()
    {
        var settings = File.ReadAllText(RepositoryFiles.PathOf("infra", "main.bicep")) + File.ReadAllText(RepositoryFiles.PathOf("infra", "app", "functions.bicep"));
        var outputs = infra.Template.GetProperty("outputs").EnumerateObject().Select(o => o.Name).Where(name => !name.StartsWith("AZURE_", StringComparison.Ordinal));

        Assert.All(outputs, name => Assert.Matches(new Regex($@"(?m)^\s+{name}:"), settings));
    }

    /// <summary>The key/value lines of one service in azure.yaml (enough YAML for this flat file).</summary>
    private static Dictionary<string, string> ServiceSettings(string yaml, string service)
    {
        var lines = yaml.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        var services = lines.IndexOf("services:");
        Assert.True(services >= 0, "azure.yaml has no services.");
        var start = lines.FindIndex(services + 1, l => l.Trim() == $"{service}:");
        Assert.True(start > services, $"azure.yaml has no service '{service}'.");
        return lines.Skip(start + 1).TakeWhile(l => Indent(l) > Indent(lines[start]))
            .Select(l => l.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^\$\{[A-Z_]+\}$")]
    private static partial Regex AzdVariable();
}

/// <summary>infra/main.bicep compiled once (to standard output: nothing is written into the repository).</summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public BicepResult Build { get; private set; } = null!;
    public JsonElement Template { get; private set; }

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", "infra/main.bicep", "--stdout");
        Template = Build.ExitCode == 0 ? JsonDocument.Parse(Build.Output).RootElement.Clone() : default;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
