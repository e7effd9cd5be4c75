using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sift.Tests.Infrastructure;

/// <summary>The real executable in a process of its own, as a user (or the Functions host) starts it.</summary>
public sealed class SiftProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiftProcess(IEnumerable<string> arguments, IDictionary<string, string>? environment, int? port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Functions.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port ?? 0}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        BaseUrl = new Uri($"http://127.0.0.1:{port ?? 0}");
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts Sift on a free port and waits until <c>/api/health</c> answers 200.</summary>
    public static async Task<SiftProcess> StartAsync(params string[] arguments)
    {
        var sift = new SiftProcess(arguments, null, FreePort());
        using var client = new HttpClient { BaseAddress = sift.BaseUrl };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
                {
                    return sift;
                }
            }
            catch (HttpRequestException) when (!sift.process.HasExited && DateTime.UtcNow < deadline)
            {
            }

            Assert.False(sift.process.HasExited || DateTime.UtcNow > deadline, $"Sift did not start: {sift.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs Sift expecting it to stop by itself (a start-up failure); returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        await using var sift = new SiftProcess(arguments, environment, port: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await sift.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Sift kept running: {sift.Output}");
        }

        return (sift.process.ExitCode, sift.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
