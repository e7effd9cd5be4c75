using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>
/// One declaration per endpoint: the HTTP functions' [Function]/[HttpTrigger] attributes are what the
/// Functions host routes, what this host maps, and what the OpenAPI document describes.
/// </summary>
public sealed class HttpFunctionTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    private JsonElement document;

    public async Task InitializeAsync() => document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>The HTTP functions of functions.metadata, as the Functions host reads them.</summary>
    private List<(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)> Functions =>
        [.. app.Get<IReadOnlyList<FunctionEntry>>().Where(f => f.Trigger.Type == "httpTrigger").Select(f => (f.Name, f.Trigger.Route!, f.Trigger.Methods!, f.Method))];

    /// <summary>The functions that are API operations: all but the document itself and the web app.</summary>
    private List<(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)> DescribedFunctions =>
        [.. Functions.Where(f => !f.Method.IsDefined(typeof(Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute)))];

    /// <summary>Routes still mapped with handler delegates (health's other methods) are listed from the app's own endpoints.</summary>
    [Fact]
    public void TheDocumentHoldsTheFunctionsRoutesAndNoOthers()
    {
        // HEAD is described by the GET it goes with.
        var declared = DescribedFunctions.SelectMany(f => f.Methods.Where(m => m != "head").Select(m => $"{m.ToUpperInvariant()} /{f.Route}")).ToHashSet();
        var mappedOtherwise = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FunctionAttribute>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        var documented = Operations().Select(o => $"{o.Method} {o.Path}").ToHashSet();

        Assert.True(declared.Count >= 50, $"{declared.Count} functions");
        Assert.Empty(declared.Except(documented));
        Assert.DoesNotContain(documented.Except(declared), operation => !mappedOtherwise.Any(route => Same(route, operation)));
    }

    [Fact]
    public void EveryFunctionIsAnOperationNamedAfterItWithASummary()
    {
        var operations = Operations().ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        foreach (var function in DescribedFunctions)
        {
            foreach (var method in function.Methods.Where(m => m != "head"))
            {
                var operation = operations[$"{method.ToUpperInvariant()} /{function.Route}"];
                Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
                Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), function.Name);
                Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() == 1, function.Name);
            }
        }
    }

    /// <summary>What the worker will apply from a FunctionContext: the least role (or none), from the method alone, and names the operationIds can be.</summary>
    [Fact]
    public void EveryFunctionNamesItsRoleAndAUniquePascalCaseName()
    {
        foreach (var function in Functions)
        {
            var roles = function.Method.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).ToList();
            var anonymous = function.Method.IsDefined(typeof(AllowAnonymousAttribute));
            Assert.True(anonymous ? roles.Count == 0 : roles.Count == 1 && Roles.IsValid(roles[0]), function.Name);
            Assert.Matches("^[A-Z][A-Za-z]+$", function.Name);
            Assert.All(function.Methods, method => Assert.Equal(method.ToLowerInvariant(), method));
            Assert.True(!function.Methods.Contains("head") || function.Methods.Contains("get"), function.Name);
        }

        Assert.Equal(Functions.Count, Functions.Select(f => f.Name).Distinct().Count());
    }

    private static bool Same(string route, string operation) =>
        route.Split(' ') is [var method, var path] && operation.Split(' ') is [var documentedMethod, var documentedPath]
            && method == documentedMethod && System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:]+)[^}]*\}", "{$1}") == documentedPath;

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "head" or "post" or "put" or "patch" or "delete")
            .Select(o => (path.Name, o.Name.ToUpperInvariant(), o.Value)));
}
