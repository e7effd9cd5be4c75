using System.Net.Http.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>What a real start leaves in the data directory is readable by its owner only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    [Fact]
    public async Task TheDataDirectoryAndEveryFileInItArePrivateAfterARealStart()
    {
        using var data = new TempDirectory();
        await using var sift = await SiftProcess.StartAsync($"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}");
        using var created = await sift.Api(SiftApp.AdminKey).PostAsJsonAsync("/api/topics", new { name = "Deploys" });
        created.EnsureSuccessStatusCode();

        var entries = Directory.EnumerateFileSystemEntries(data.Path, "*", SearchOption.AllDirectories).Append(data.Path).ToList();

        Assert.Contains(entries, e => e.EndsWith("sift.db-wal", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("queues.db-shm", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith(".lock", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("secrets.key", StringComparison.Ordinal));
        Assert.All(entries, entry => Assert.Equal(
            Directory.Exists(entry) ? "rwx------" : "rw-------",
            ModeOf(entry)));
    }

    [Fact]
    public async Task AnEarlierVersionsOpenFilesAreMadePrivateAtStart()
    {
        using var data = new TempDirectory();
        Directory.CreateDirectory(data.Path);
        var store = Path.Combine(data.Path, "sift.db");
        await File.WriteAllBytesAsync(store, []);
        File.SetUnixFileMode(store, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(data.Path, (UnixFileMode)0b111_101_101);

        await using var sift = await SiftProcess.StartAsync($"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}");

        Assert.Equal("rw-------", ModeOf(store));
        Assert.Equal("rwx------", ModeOf(data.Path));
    }

    private static string ModeOf(string path)
    {
        var mode = File.GetUnixFileMode(path);
        return new string(
        [
            mode.HasFlag(UnixFileMode.UserRead) ? 'r' : '-', mode.HasFlag(UnixFileMode.UserWrite) ? 'w' : '-', mode.HasFlag(UnixFileMode.UserExecute) ? 'x' : '-',
            mode.HasFlag(UnixFileMode.GroupRead) ? 'r' : '-', mode.HasFlag(UnixFileMode.GroupWrite) ? 'w' : '-', mode.HasFlag(UnixFileMode.GroupExecute) ? 'x' : '-',
            mode.HasFlag(UnixFileMode.OtherRead) ? 'r' : '-', mode.HasFlag(UnixFileMode.OtherWrite) ? 'w' : '-', mode.HasFlag(UnixFileMode.OtherExecute) ? 'x' : '-',
        ]);
    }
}
