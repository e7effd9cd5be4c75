using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

/// <summary>Runs the real executable: start-up either refuses a weak or missing bootstrap key, naming the setting, or prints nothing secret.</summary>
public sealed class BootstrapKeyTests
{
    [Fact]
    public async Task BootstrapKeyShorterThan32CharactersStopsStartup()
    {
        using var data = new TempDirectory();

        var (exitCode, output, _) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", "--Auth:BootstrapAdminKey=0123456789abcdef0123456789abcde"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Auth:BootstrapAdminKey", output);
    }

    [Fact]
    public async Task WithAFunctionAppsSettingsAMissingBootstrapKeyStopsStartupAndNothingIsPrinted()
    {
        using var data = new TempDirectory();

        var (exitCode, output, _) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}"],
            new Dictionary<string, string> { ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Auth:BootstrapAdminKey", output);
        Assert.DoesNotContain("sk_", output);
    }
}
