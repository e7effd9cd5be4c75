using System.Diagnostics;
using System.Reflection;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Deployment;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (restored with the tests), run
/// in the repository root. It needs no network: infra/ uses no registry modules or extensions.
/// </summary>
public static class BicepCli
{
    private static readonly string Executable = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCli").Value!;

    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepResult(process.ExitCode, await output, await errors);
    }
}

/// <summary>Bicep writes diagnostics (warnings included) to standard error.</summary>
public sealed record BicepResult(int ExitCode, string Output, string Errors);
