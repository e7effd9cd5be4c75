using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Web;

/// <summary>
/// The API's document is generated from the HTTP functions as the standalone host maps them, and kept as
/// web/openapi.json: the web app's client is generated from it at build time, and both hosts serve it (built into the
/// app). When the API changes, this test refreshes the copy and fails: commit the new web/openapi.json.
/// </summary>
public sealed class WebApiDocumentTests
{
    [Fact]
    public async Task TheKeptDocumentIsTheOneTheFunctionsDescribeAndIsServed()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        using var client = app.CreateClient();
        var generated = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        using var text = new StringWriter();
        generated.SerializeAsV31(new OpenApiJsonWriter(text));
        var document = JsonNode.Parse(text.ToString())!.AsObject();
        var expected = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var copy = RepositoryFiles.PathOf("web", "openapi.json");

        var current = File.Exists(copy) ? await File.ReadAllTextAsync(copy) : "";
        if (current != expected)
        {
            await File.WriteAllTextAsync(copy, expected);
        }

        Assert.True(current == expected, "web/openapi.json differed from the document the functions describe; it has been refreshed: commit it.");
        Assert.Equal(current, await client.GetStringAsync("/api/openapi.json"));
    }
}
