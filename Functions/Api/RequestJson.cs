using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Sift.Api;

/// <summary>
/// The one reader of JSON request bodies for HTTP functions: the strict options of
/// <see cref="ApiExtensions"/>, at most <see cref="ApiExtensions.DefaultBodyLimit"/> bytes (413), JSON
/// content types only (415), and every reader error a 400 naming the field (<see cref="BindingErrors"/>).
/// </summary>
public static class RequestJson
{
    /// <exception cref="ValidationException">No body, or one that is not a <typeparamref name="T"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class =>
        await ReadOrNullAsync<T>(request, cancellationToken) ?? throw new ValidationException("body", "This request needs a JSON object as its body.");

    /// <summary>Null when the request has no body (or the body is JSON null).</summary>
    public static async Task<T?> ReadOrNullAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        // As ASP.NET Core binds bodies: a request that cannot have one (no length, not chunked) has none, whatever its content type.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The body must be JSON.", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var body = await RequestBody.ReadAsync(request, ApiExtensions.DefaultBodyLimit, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(body.Memory.Span, options);
        }
        catch (JsonException e)
        {
            throw BindingErrors.DescribeJson(e, typeof(T), options);
        }
    }
}
