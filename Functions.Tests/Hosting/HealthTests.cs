using System.Net;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

public sealed class HealthTests
{
    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/health/ready")]
    public async Task HealthAnswersGetAndHeadWithoutAKey(string path)
    {
        await using var app = new SiftApp();
        var client = app.CreateClient();

        using var get = await client.GetAsync(path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/health")]
    [InlineData("DELETE", "/api/health")]
    [InlineData("PUT", "/api/health/ready")]
    [InlineData("POST", "/api/health/ready")]
    public async Task OtherMethodsOnHealthAre405Problems(string method, string path)
    {
        await using var app = new SiftApp();

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
