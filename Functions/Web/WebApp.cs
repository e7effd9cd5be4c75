using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Sift.Hosting;
using Sift.Security;
using Sift.Api;

namespace Sift.Web;

/// <summary>
/// Serves the web app (web/, built into the output by web/Web.targets) at <c>/</c> under both hosts: an HTTP function
/// on the catch-all route, the most general one, so every other function's route wins. Its files as they are, and
/// index.html for the app's own routes, so they survive a reload; any other path is 404 (a path under /api that no
/// function took is a problem+json 404). The files are public (the API they call is not). Hashed assets are cached for
/// a year; index.html is revalidated each time, so a new build is picked up at once. The policy allows scripts and
/// styles from this origin only: no inline script, no eval, no framing.
/// </summary>
public static class WebApp
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Index = "/index.html";
    private const string Assets = "/assets/";

    /// <summary>The first segments of the app's routes (web/src/app.tsx: <c>/chats/{chatKey}</c>, <c>/search</c>, ...).</summary>
    private static readonly FrozenSet<string> Routes = FrozenSet.ToFrozenSet(["chats", "search", "review", "runs", "sources", "queues", "webhooks"], StringComparer.Ordinal);

    private static readonly Lazy<PhysicalFileProvider> Files = new(() => new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "web")));
    private static readonly FileExtensionContentTypeProvider Types = new();

    [Function("WebApp")]
    [AllowAnonymous]
    [AnyQuery]
    [ExcludeFromDescription]
    public static Task ServeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request) =>
        request.Path.StartsWithSegments("/api") ? NoOperationAsync(request.HttpContext) : ServeAsync(request.HttpContext, Files.Value, Types);

    /// <summary>The API's other routes, to tell a method a path does not take (405, with Allow) from a path that is none (404).</summary>
    private static readonly Lazy<List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> ApiRoutes = new(() =>
        [.. FunctionMethods.HttpRoutes.Where(r => r.Route.StartsWith("api/", StringComparison.Ordinal))
            .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Route), []), r.Methods))]);

    /// <summary>Secure by default as every API route is: without a valid key the answer is 401, whether or not the path exists.</summary>
    private static async Task NoOperationAsync(HttpContext context)
    {
        if (!(await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName)).Succeeded)
        {
            await context.ChallengeAsync(ApiKeyAuthentication.SchemeName);
            return;
        }

        var allowed = ApiRoutes.Value.Where(r => r.Matcher.TryMatch(context.Request.Path, [])).SelectMany(r => r.Methods).Select(m => m.ToUpperInvariant()).Distinct().ToList();
        if (allowed.Count == 0)
        {
            await TypedResults.Problem("No API operation is at this path (see /api/openapi.json).", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        await TypedResults.Problem($"This path answers {string.Join(", ", allowed)} only.", statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(context);
    }

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
