using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sift.Tests.Infrastructure;

/// <summary>
/// An emulator from the npm packages in <c>Functions.Tests/Emulators</c> (installed by the test
/// project's build), run as a process of its own on free loopback ports and killed on dispose.
/// </summary>
public sealed class NodeEmulator : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string directory;

    private NodeEmulator(string script, IReadOnlyList<int> ports, IEnumerable<string> arguments)
    {
        Ports = ports;
        directory = Path.Combine(Path.GetTempPath(), "sift-emulators", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        start.ArgumentList.Add(RepositoryFiles.PathOf("Functions.Tests", "Emulators", "node_modules", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The loopback ports it listens on, in the order the caller asked for them.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>A scratch directory of its own (its working directory), removed on dispose.</summary>
    public string WorkingDirectory => directory;

    /// <summary>
    /// Starts <paramref name="script"/> (a path under node_modules) with the arguments <paramref name="arguments"/>
    /// builds from <paramref name="portCount"/> free ports, and waits until every port accepts connections.
    /// </summary>
    public static async Task<NodeEmulator> StartAsync(string script, int portCount, Func<IReadOnlyList<int>, IEnumerable<string>> arguments)
    {
        var ports = Enumerable.Range(0, portCount).Select(_ => FreePort()).ToList();
        var emulator = new NodeEmulator(script, ports, arguments(ports));
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (!await AcceptsAsync(port))
            {
                if (emulator.process.HasExited || DateTime.UtcNow > deadline)
                {
                    var log = emulator.Output;
                    await emulator.DisposeAsync();
                    throw new InvalidOperationException($"{script} did not start on port {port}: {log}");
                }

                await Task.Delay(50);
            }
        }

        return emulator;
    }

    /// <summary>What it wrote to stdout and stderr.</summary>
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

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
