using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Sift.Api;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 document, the same under both hosts. It is generated from the HTTP
/// functions (<c>AddOpenApi</c> over the standalone host's endpoints), kept in the repository as web/openapi.json (a test
/// regenerates it and fails when it changed) and built into the app, so the Functions host, which has no endpoints to
/// generate it from, serves it too.
/// </summary>
public static class OpenApiDocumentFunctions
{
    public const string ResourceName = "Sift.Api.openapi.json";

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocumentFunctions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The build embeds no {ResourceName}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    [Function("GetOpenApiDocument")]
    [AllowAnonymous]
    [ExcludeFromDescription]
    public static IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        TypedResults.Bytes(Document.Value, "application/json");
}
