using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheApiIsDescribedWithItsKeyScheme()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/messages", paths);
        Assert.Contains("/api/bots", paths);
        Assert.Contains("/api/sources/{id}/run", paths);
        Assert.Contains("/api/orchestrations/{instanceId}", paths);
        Assert.DoesNotContain(paths, p => p.Contains("webhook", StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));
    }
}
