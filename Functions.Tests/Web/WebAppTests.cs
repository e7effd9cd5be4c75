using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Sift.Tests.Infrastructure;
using Sift.Web;

namespace Sift.Tests.Web;

public sealed partial class WebAppTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    private HttpClient client = null!;

    public Task InitializeAsync()
    {
        client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnonymousGetOfTheRootServesTheAppUnderAStrictPolicyWhileTheApiStill401s()
    {
        using var page = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/chats");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebApp.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches(ModuleScript(), html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [InlineData("/chats/-1001234567890")]
    [InlineData("/chats/7%40bot123456?class=spam")]
    [InlineData("/review")]
    [InlineData("/webhooks/wh0123456789abcdef")]
    [InlineData("/chats/-1001234567890/delivery")]
    public async Task AnAppRouteServesIndexHtml(string path)
    {
        var index = await client.GetStringAsync("/");

        Assert.Equal(index, await client.GetStringAsync(path));
    }

    [Fact]
    public async Task HashedAssetsAreCachedForAYearWithTheirContentType()
    {
        var script = ModuleScript().Match(await client.GetStringAsync("/")).Groups["src"].Value;

        using var response = await client.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/assets/missing-0000.js")]
    [InlineData("/missing.png")]
    [InlineData("/../Functions.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("/chatsx")]
    public async Task AMissingFileOrAPathThatIsNoRouteOfTheAppIs404(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

    [Fact]
    public async Task AnUnchangedIndexIs304()
    {
        using var first = await client.GetAsync("/");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [GeneratedRegex("""<script type="module" crossorigin src="(?<src>/assets/[^"]+\.js)"></script>""")]
    private static partial Regex ModuleScript();

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>""")]
    private static partial Regex InlineScript();
}
