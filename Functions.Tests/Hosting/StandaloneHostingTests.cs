using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sift.Hosting;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>
/// Without the Functions host nothing of the custom-handler protocol exists; the real executable
/// started as the host starts it listens on the host's port and answers its requests.
/// </summary>
public sealed class StandaloneHostingTests
{
    [Fact]
    public async Task InvocationRoutesDoNotExistStandalone()
    {
        await using var app = new SiftApp();

        using var invocation = await app.Api().SendAsync(HostInvocations.Timer("Maintenance"));
        using var probe = await app.Api().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, invocation.StatusCode);
        // Standalone, / is the web app, not the host's readiness probe.
        Assert.Equal("text/html", probe.Content.Headers.ContentType?.MediaType);
        Assert.Contains(app.Services.GetServices<IHostedService>(), service => service is TriggerRunner);
    }

    [Fact]
    public async Task UnderTheHostAMissingScheduleSettingStopsStartupNamingIt()
    {
        using var data = new TempDirectory();

        var (exitCode, output, _) = await SiftProcess.RunToExitAsync(
            [$"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}", "--Maintenance:Schedule=30 * * * * *"],
            new Dictionary<string, string> { [FunctionsHost.PortSetting] = "0" });

        Assert.Equal(StartupCheck.BadSettingExitCode, exitCode);
        Assert.Contains("Ingestion:Schedule must be set under the Functions host (app setting Ingestion__Schedule)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Maintenance:Schedule must be set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExecutableStartedAsTheHostStartsItListensOnTheHostsPortAndServesInvocations()
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Path"] = data.Path, ["Auth__BootstrapAdminKey"] = SiftApp.AdminKey,
            ["Ingestion__Schedule"] = "0 */5 * * * *", ["Maintenance__Schedule"] = "30 * * * * *",
        };
        await using var sift = await SiftProcess.StartUnderFunctionsHostAsync([], environment);
        using var client = new HttpClient { BaseAddress = sift.BaseUrl };

        using var probe = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var invocation = await client.SendAsync(HostInvocations.Timer("Maintenance"));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
        Assert.Equal("""{"Outputs":{},"Logs":[],"ReturnValue":null}""", await invocation.Content.ReadAsStringAsync());
    }
}
