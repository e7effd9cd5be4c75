using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

public sealed partial class OpenApiTests : IAsyncLifetime
{
    private static readonly string[] DocumentedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    private JsonElement document;

    public async Task InitializeAsync() => document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void TheApiIsDescribedWithItsKeyScheme()
    {
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));
    }

    /// <summary>The expected list comes from the app's own endpoints, so routes added later are checked too.</summary>
    [Fact]
    public void EveryRouteOfTheAppIsInTheDocumentWithItsMethods()
    {
        // The document itself and the web app are functions but not operations.
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText is not ("/api/openapi.json" or "/{*path}")).ToList();
        // The only routes left out of the document answer 405 for methods a documented path does not take (health's GET and HEAD).
        var hidden = endpoints.Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }).ToList();
        var expected = endpoints.Except(hidden)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(DocumentedMethods.Contains)
                .Select(method => $"{method} {DocumentPath(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var documented = Operations().Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet();

        Assert.NotEmpty(expected);
        Assert.Empty(expected.Except(documented));
        Assert.Contains("POST /api/telegram/webhook/{botId}", documented);
        Assert.Contains("GET /api/health", documented);
        Assert.Contains("GET /api/health/ready", documented);
        Assert.All(hidden, e =>
        {
            Assert.Contains($"GET {DocumentPath(e.RoutePattern.RawText!)}", documented);
            Assert.DoesNotContain("GET", e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
        });
    }

    [Fact]
    public void EveryOperationThatNeedsAKeyMayAnswer429()
    {
        foreach (var (path, method, operation) in Operations())
        {
            var anonymous = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            Assert.Equal(!anonymous, operation.GetProperty("responses").TryGetProperty("429", out _));
        }

        Assert.Contains(Operations(), o => o.Path == "/api/keys");
    }

    [Fact]
    public void EveryOperationListsItsErrorsWithTheProblemSchema()
    {
        foreach (var (path, method, operation) in Operations())
        {
            var errors = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
            if (!path.StartsWith("/api/health", StringComparison.Ordinal))
            {
                Assert.True(errors.Any(r => r.Name[0] == '4'), $"{method} {path} lists no client error");
            }

            foreach (var error in errors.Where(r => r.Value.TryGetProperty("content", out _)))
            {
                var schema = error.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{method} {path} {error.Name}: {schema}");
            }
        }
    }

    [Theory]
    [InlineData("/api/sources/{id}/upload")]
    [InlineData("/api/telegram/webhook/{botId}")]
    [InlineData("/api/sources")]
    [InlineData("/api/bots")]
    public void BodiesAreDescribed(string path) =>
        Assert.True(document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));

    [Theory]
    [InlineData("CreateSourceRequest", "type,name")]
    [InlineData("UpdateSourceRequest", "")]
    [InlineData("TerminateRequest", "")]
    [InlineData("RegisterBotRequest", "token")]
    [InlineData("SourceCursorResponse", "")]
    public void OnlyFieldsThatMustBeThereAreRequired(string schema, string required) =>
        Assert.Equal(required.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), Required(schema).Order());

    [Fact]
    public void NullableResponseFieldsAreOptional()
    {
        Assert.Contains("id", Required("MessageResponse"));
        Assert.DoesNotContain("text", Required("MessageResponse"));
        Assert.DoesNotContain("url", Required("SourceResponse"));
        Assert.DoesNotContain("lastRun", Required("SourceResponse"));
        Assert.Contains("status", Required("OrchestrationStatusResponse"));
        Assert.DoesNotContain("error", Required("OrchestrationStatusResponse"));
    }

    [Fact]
    public void TheStatusFilterNamesItsValues()
    {
        var status = document.GetProperty("paths").GetProperty("/api/orchestrations").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status");
        Assert.Contains("Pending, Running, Completed, Failed, Terminated", status.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Parameters bound from [AsParameters] records would otherwise be documented by their property names (ChatId).</summary>
    [Fact]
    public void QueryParametersAreCamelCasedLikeTheJsonFields()
    {
        var query = Operations()
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString()!)
            .ToList();

        Assert.Contains("chatId", query);
        Assert.Contains("importanceMin", query);
        Assert.All(query, name => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), name));
    }

    [Theory]
    [InlineData("MessageDocument")]
    [InlineData("SourceCursor")]
    [InlineData("OrchestrationInstance")]
    [InlineData("ExecutionSummary")]
    [InlineData("OrchestrationProgress")]
    [InlineData("ChatInfo")]
    public void ResponsesAreApiTypesNotStorageDocuments(string storageType) =>
        Assert.False(document.GetProperty("components").GetProperty("schemas").TryGetProperty(storageType, out _), storageType);

    private IEnumerable<string> Required(string schema) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(schema).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!)
            : [];

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => DocumentedMethods.Contains(o.Name.ToUpperInvariant()))
            .Select(o => (path.Name, o.Name, o.Value)));

    /// <summary>"/api/bots/{id:long}/" as OpenAPI writes it: "/api/bots/{id}".</summary>
    private static string DocumentPath(string route) =>
        "/" + RouteParameter().Replace(route, "{$1}").Trim('/');

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
