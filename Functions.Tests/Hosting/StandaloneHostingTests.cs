using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sift.Hosting;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>Without the Functions host nothing of the custom-handler protocol exists, and under it the settings it needs are checked.</summary>
public sealed class StandaloneHostingTests
{
    [Fact]
    public async Task InvocationRoutesDoNotExistStandalone()
    {
        await using var app = new SiftApp();

        using var invocation = await app.Api().SendAsync(HostInvocations.Timer("Maintenance"));
        using var probe = await app.Api().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, invocation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
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
}
