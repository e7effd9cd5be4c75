using System.Net;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

/// <summary>Two real Sift processes on one data directory, as two instances behind a load balancer.</summary>
public sealed class SharedRateLimitTests
{
    [Fact]
    public async Task TwoInstancesOnOneStoreShareOneBudget()
    {
        using var data = new TempDirectory();
        string[] settings =
        [
            $"--Storage:Path={data.Path}",
            $"--Secrets:Key={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
            $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}",
            "--RateLimits:RequestsPerMinute=10",
            "--Triggers:Enabled=false",
        ];
        await using var first = await SiftProcess.StartAsync(settings);
        await using var second = await SiftProcess.StartAsync(settings);
        await OutsideTheLastSecondsOfAMinuteAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var sift in new[] { first, second })
        {
            using var client = new HttpClient { BaseAddress = sift.BaseUrl };
            client.DefaultRequestHeaders.Add("X-Api-Key", SiftApp.AdminKey);
            for (var i = 0; i < 6; i++)
            {
                using var response = await client.GetAsync("/api/messages");
                statuses.Add(response.StatusCode);
            }
        }

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[^2..]);
    }

    /// <summary>
    /// The processes count in real one-minute windows; twelve requests take well under ten seconds,
    /// so starting outside a minute's last ten seconds keeps them in one window.
    /// </summary>
    private static async Task OutsideTheLastSecondsOfAMinuteAsync()
    {
        var intoMinute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000;
        if (intoMinute > 50_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60_000 - intoMinute + 100));
        }
    }
}
