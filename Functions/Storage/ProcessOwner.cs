namespace Sift.Storage;

/// <summary>
/// Who holds a lease: this process, for as long as it lives. The process holds an exclusive lock
/// on <c>{Storage:Path}/owners/{id}.lock</c>; the operating system drops the lock when the process
/// dies, even by kill -9, so a file that another process can lock belongs to an owner that is gone.
/// On Linux .NET takes FileShare.None as an advisory flock on the open file, which a second open
/// (in this process or another) cannot take while the first is open.
/// </summary>
public sealed class ProcessOwner : IDisposable
{
    private const string Extension = ".lock";
    private readonly FileStream held;

    private ProcessOwner(string id, FileStream held)
    {
        Id = id;
        this.held = held;
    }

    public string Id { get; }

    public static ProcessOwner Acquire(string dataPath)
    {
        var directory = Path.Combine(dataPath, "owners");
        PrivateFiles.CreateDirectory(directory);
        // A process starting at the same instant may lock a fresh file before its creator does (taking it
        // for a dead owner's); the creator then simply takes another id.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = Guid.NewGuid().ToString("N");
            if (Lock(Path.Combine(directory, id + Extension), FileMode.CreateNew) is { } held)
            {
                return new ProcessOwner(id, held);
            }
        }

        throw new IOException($"Could not create and lock an owner file in {directory}.");
    }

    /// <summary>The owners whose process is gone; their files are deleted, so each is normally claimed once.</summary>
    public IReadOnlyList<string> ClaimGone()
    {
        var gone = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(held.Name)!, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (id == Id || Lock(file, FileMode.Open) is not { } orphan)
            {
                continue;
            }

            // Closed before deleting, as Windows refuses to delete an open file. Should two starting
            // processes both claim it, releasing its leases twice is harmless.
            orphan.Dispose();
            TryDelete(file);
            gone.Add(id);
        }

        return gone;
    }

    /// <summary>A clean stop: the process released what it held, nothing is left to claim.</summary>
    public void Dispose()
    {
        held.Dispose();
        TryDelete(held.Name);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another process holds it again or deleted it first; either way it is not ours to claim.
        }
    }

    private static FileStream? Lock(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, PrivateFiles.Options(mode, FileAccess.ReadWrite, FileShare.None));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
