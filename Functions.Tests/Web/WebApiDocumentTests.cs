using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Web;

/// <summary>
/// The web app's API client is generated at build time from web/openapi.json, a copy of the document
/// Sift serves, so the build needs no running Sift. When the API changes, this test refreshes the copy
/// and fails: commit the new web/openapi.json (the next build regenerates the client from it).
/// </summary>
public sealed class WebApiDocumentTests
{
    [Fact]
    public async Task TheWebAppsCopyOfTheApiDocumentIsTheOneSiftServes()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        var served = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/openapi.json"))!.AsObject();
        // The servers list is the address the request came to, not part of the API.
        served.Remove("servers");
        var expected = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var copy = RepositoryFiles.PathOf("web", "openapi.json");

        var current = File.Exists(copy) ? await File.ReadAllTextAsync(copy) : "";
        if (current != expected)
        {
            await File.WriteAllTextAsync(copy, expected);
        }

        Assert.True(current == expected, "web/openapi.json differed from the document Sift serves; it has been refreshed: commit it.");
    }
}
