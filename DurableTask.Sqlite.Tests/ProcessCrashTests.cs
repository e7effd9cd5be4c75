using System.Diagnostics;

namespace Sift.DurableTask.Sqlite.Tests;

/// <summary>
/// kill -9 of a real process (DurableTask.Sqlite.TestHost) while an activity is in flight, then the same program
/// again on the same folder. Its locks last 10 minutes and the test waits 2, so only releasing the dead owner's
/// locks lets the orchestration complete.
/// </summary>
public sealed class ProcessCrashTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task KillDuringAnActivityThenRestartRunsOnlyThatActivityAgain()
    {
        Directory.CreateDirectory(directory.Path);
        var runs = Path.Combine(directory.Path, "runs.txt");

        using (var killed = Start("hold"))
        {
            await WaitUntilAsync(() => File.Exists(runs) && File.ReadAllLines(runs).Contains("2"), killed);
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }

        using var restarted = Start();
        using var timeout = new CancellationTokenSource(Patience);
        await restarted.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, restarted.ExitCode);
        Assert.Equal("6", await File.ReadAllTextAsync(Path.Combine(directory.Path, "output.txt")));
        Assert.Equal(["1", "2", "2", "3"], await File.ReadAllLinesAsync(runs));
    }

    public void Dispose() => directory.Dispose();

    private Process Start(params string[] mode)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "DurableTask.Sqlite.TestHost.dll");
        var process = Process.Start(new ProcessStartInfo("dotnet", [host, directory.Path, .. mode]) { UseShellExecute = false });
        return process ?? throw new InvalidOperationException("The test host did not start.");
    }

    /// <summary>Polls a condition the process makes true; fails if the process exits or the patience runs out first.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.False(process.HasExited, "The test host exited before the activity was in flight.");
            Assert.True(DateTime.UtcNow < deadline, "The activity was not in flight in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
