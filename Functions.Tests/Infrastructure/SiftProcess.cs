using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sift.Tests.Infrastructure;

/// <summary>The real executable (the standalone host) in a process of its own, as a user starts it.</summary>
public sealed class SiftProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private SiftProcess(IEnumerable<string> arguments, IDictionary<string, string>? environment, int? port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Standalone.dll"));
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
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        BaseUrl = new Uri($"http://127.0.0.1:{port ?? 0}");
    }

    public Uri BaseUrl { get; }

    /// <summary>What it wrote to stdout and then stderr.</summary>
    public string Output => Read(output) + Read(error);

    /// <summary>What it wrote to stderr alone.</summary>
    public string Error => Read(error);

    /// <summary>A client of its API that sends <paramref name="apiKey"/>.</summary>
    public HttpClient Api(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts Sift on a free port and waits until <c>/api/health</c> answers 200.</summary>
    public static Task<SiftProcess> StartAsync(params string[] arguments) => WaitUntilHealthyAsync(new SiftProcess(arguments, null, FreePort()));

    /// <summary>Starts Sift on a free port with <paramref name="environment"/> added to its own, and waits until it is healthy.</summary>
    public static Task<SiftProcess> StartAsync(IDictionary<string, string> environment, params string[] arguments) =>
        WaitUntilHealthyAsync(new SiftProcess(arguments, environment, FreePort()));

    private static async Task<SiftProcess> WaitUntilHealthyAsync(SiftProcess sift)
    {
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

    /// <summary>Runs Sift expecting it to stop by itself (a start-up failure); returns its exit code, everything it wrote, and its stderr alone.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
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

        // The exit can be seen before the last lines are read: WaitForExit without a timeout waits for them.
        sift.process.WaitForExit();
        return (sift.process.ExitCode, sift.Output, sift.Error);
    }

    /// <summary>SIGKILL: nothing runs on the way out, as when the machine loses the process.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
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

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
