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
    private readonly string directory;
    private readonly FileStream held;

    private ProcessOwner(string directory, string id, FileStream held)
    {
        this.directory = directory;
        Id = id;
        this.held = held;
    }

    public string Id { get; }

    public static ProcessOwner Acquire(string dataPath)
    {
        var directory = Path.Combine(dataPath, "owners");
        Directory.CreateDirectory(directory);
        var id = Guid.NewGuid().ToString("N");
        return new ProcessOwner(directory, id, Lock(Path.Combine(directory, id + Extension), FileMode.CreateNew)
            ?? throw new IOException($"Could not lock the owner file of {id} in {directory}."));
    }

    /// <summary>The owners whose process is gone; their files are deleted, so each is claimed once.</summary>
    public IReadOnlyList<string> ClaimGone()
    {
        var gone = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (id == Id || Lock(file, FileMode.Open) is not { } orphan)
            {
                continue;
            }

            using (orphan)
            {
                // Deleted while locked, so a process that still wanted it cannot be holding it.
                File.Delete(file);
            }

            gone.Add(id);
        }

        return gone;
    }

    /// <summary>A clean stop: the process released what it held, nothing is left to claim.</summary>
    public void Dispose()
    {
        File.Delete(held.Name);
        held.Dispose();
    }

    private static FileStream? Lock(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
