using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sift.Hosting;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.254")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("192.88.99.1")]
    [InlineData("168.63.129.16")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::5db8:d70e")]
    [InlineData("::127.0.0.1")]
    [InlineData("::93.184.215.14")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")]
    public void InternalAddressesAreRecognised(string address) => Assert.True(PublicAddresses.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("168.63.129.17")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]
    [InlineData("2002:5db8:d70e::1")]
    [InlineData("2001:4860:4860::8888")]
    public void PublicAddressesAreAllowed(string address) => Assert.False(PublicAddresses.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task AnAmbientProxyIsNotUsedForFeeds()
    {
        var proxied = new ConcurrentQueue<string>();
        var (proxy, proxyUrl) = await LoopbackServer.StartAsync(app => app.Run(context =>
        {
            proxied.Enqueue($"{context.Request.Host}{context.Request.Path}");
            return context.Response.WriteAsync("<rss version=\"2.0\"><channel><title>via proxy</title></channel></rss>");
        }));
        await using var _ = proxy;
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string> { ["HTTP_PROXY"] = proxyUrl.ToString(), ["http_proxy"] = proxyUrl.ToString(), ["NO_PROXY"] = "" };
        await using var sift = await SiftProcess.StartAsync(environment,
            $"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}", "--Ingestion:AllowPrivateAddresses=true", "--Ingestion:FeedRetries=0");
        using var api = sift.Api(SiftApp.AdminKey);
        using var created = await api.PostAsJsonAsync("/api/sources", new { type = "feed", name = "Behind a proxy", url = "http://feed.invalid/rss", enabled = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var started = await api.PostAsync($"/api/sources/{id}/run", null);
        var run = await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/orchestrations/ingest-{id}"),
            instance => instance.GetProperty("status").GetString() is "Failed" or "Completed", "the run to end");

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Empty(proxied);
    }
}
