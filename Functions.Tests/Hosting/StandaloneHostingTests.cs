using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sift.Hosting;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>The standalone host does the Functions host's part from functions.metadata: it triggers the queue and timer functions and reads their schedules.</summary>
public sealed class StandaloneHostingTests
{
    [Fact]
    public async Task TheStandaloneHostRunsEveryQueueAndTimerFunctionOfTheMetadataAndServesTheWebApp()
    {
        await using var app = new SiftApp();

        using var probe = await app.Api().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("text/html", probe.Content.Headers.ContentType?.MediaType);
        Assert.Contains(app.Services.GetServices<IHostedService>(), service => service is TriggerRunner);
        var triggers = app.Get<IReadOnlyList<FunctionEntry>>().Select(f => f.Trigger.Type).ToList();
        Assert.Equal(3, triggers.Count(t => t == "queueTrigger"));
        Assert.Equal(3, triggers.Count(t => t == "timerTrigger"));
    }

    [Fact]
    public async Task AMissingScheduleSettingStopsStartupNamingIt()
    {
        using var data = new TempDirectory();

        var (exitCode, output, _) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}", "--Ingestion:Schedule="]);

        Assert.Equal(StartupCheck.BadSettingExitCode, exitCode);
        Assert.Contains("Ingestion:Schedule", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Maintenance:Schedule", output, StringComparison.Ordinal);
    }
}
