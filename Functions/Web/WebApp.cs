using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Sift.Web;

/// <summary>
/// Serves the web app (web/, built into the output by web/Web.targets) at <c>/</c>: its files as they
/// are, and index.html for the app's own routes, so they survive a reload; any other path is 404.
/// The files are public (the API they call is not), so this runs before authentication and only for
/// GET and HEAD requests no endpoint took. Hashed assets are cached for a year; index.html is
/// revalidated each time, so a new build is picked up at once. The policy allows scripts and styles
/// from this origin only: no inline script, no eval, no framing.
/// </summary>
public static class WebApp
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Index = "/index.html";
    private const string Assets = "/assets/";

    /// <summary>The first segments of the app's routes (web/src/app.tsx: <c>/chats/{chatKey}</c>, <c>/search</c>, ...).</summary>
    private static readonly FrozenSet<string> Routes = FrozenSet.ToFrozenSet(["chats", "search", "review", "runs", "sources", "queues"], StringComparer.Ordinal);

    public static WebApplication UseWebApp(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "web"));
        var types = new FileExtensionContentTypeProvider();
        app.MapWhen(IsAppRequest, web => web.Run(context => ServeAsync(context, files, types)));
        return app;
    }

    private static bool IsAppRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api") && context.GetEndpoint() is null;

    private static bool IsRoute(string path) => Routes.Contains(path.Split('/', 3)[1]);

    private static async Task ServeAsync(HttpContext context, PhysicalFileProvider files, FileExtensionContentTypeProvider types)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";

        var path = context.Request.Path.Value is { Length: > 1 } requested ? requested : Index;
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            file = IsRoute(path) ? files.GetFileInfo(path = Index) : file;
            if (!file.Exists || file.IsDirectory)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        var tag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        response.Headers.ETag = tag.ToString();
        response.Headers.CacheControl = path.StartsWith(Assets, StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
        response.ContentType = types.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(match => match.Compare(tag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = file.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.SendFileAsync(file, context.RequestAborted);
        }
    }
}
