using System.Text.RegularExpressions;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Architecture;

/// <summary>
/// The infrastructure folders that features share stack in one direction
/// (Storage, then Hosting, then Api, then Security): none may reach back down-stack into one above it,
/// so none of them depends on another in a circle.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Layers = ["Storage", "Hosting", "Api", "Security"];

    [Fact]
    public void InfrastructureFoldersDependOnlyOnFoldersBelowThem()
    {
        var violations = new List<string>();
        for (var level = 0; level < Layers.Length; level++)
        {
            var above = Layers[(level + 1)..].Concat(FeatureFolders()).ToHashSet();
            foreach (var file in Directory.EnumerateFiles(RepositoryFiles.PathOf("Functions", Layers[level]), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match reference in NamespaceReference().Matches(File.ReadAllText(file)))
                {
                    if (above.Contains(reference.Groups["folder"].Value))
                    {
                        violations.Add($"{Path.GetRelativePath(RepositoryFiles.Root, file)} uses Sift.{reference.Groups["folder"].Value}");
                    }
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void TheLayerListKnowsEveryFolder()
    {
        var folders = Directory.EnumerateDirectories(RepositoryFiles.PathOf("Functions")).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Properties"));

        Assert.All(Layers, layer => Assert.Contains(layer, folders));
    }

    private static IEnumerable<string> FeatureFolders() =>
        Directory.EnumerateDirectories(RepositoryFiles.PathOf("Functions")).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj") && !Layers.Contains(f));

    [GeneratedRegex(@"\bSift\.(?<folder>[A-Z][A-Za-z]+)\b")]
    private static partial Regex NamespaceReference();
}
