namespace Sift.DurableTask.Sqlite;

/// <summary>
/// Who holds a lock: this service, for as long as its process lives. It holds an exclusive lock on
/// <c>owners/{id}.lock</c>; the operating system drops that lock when the process dies, even by kill -9, so a file
/// another process can lock belongs to an owner that is gone. On Linux .NET takes FileShare.None as an advisory
/// flock on the open file, which no second open (in this process or another) can take while the first is open.
/// </summary>
internal sealed class ProcessOwner : IDisposable
{
    private const string Extension = ".lock";
    private readonly FileStream held;

    private ProcessOwner(string id, FileStream held)
    {
        Id = id;
        this.held = held;
    }

    public string Id { get; }

    public static ProcessOwner Acquire(string directory)
    {
        OwnerOnly.CreateDirectory(directory);
        // A service starting at the same instant may lock a fresh file before its creator does (taking it for a
        // dead owner's); the creator then takes another id.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = Guid.NewGuid().ToString("N");
            if (Lock(Path.Combine(directory, id + Extension), FileMode.CreateNew) is { } file)
            {
                return new ProcessOwner(id, file);
            }
        }

        throw new IOException($"Could not create and lock an owner file in {directory}.");
    }

    /// <summary>
    /// Finds the owners whose process is gone and hands their ids to <paramref name="release"/>; only once their
    /// locks are released are their files deleted, so a crash in between leaves them to be claimed again.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimGoneAsync(Func<IReadOnlyList<string>, Task> release)
    {
        var claimed = new List<(string Id, FileStream File)>();
        try
        {
            foreach (var path in Directory.EnumerateFiles(Path.GetDirectoryName(held.Name)!, "*" + Extension))
            {
                var id = Path.GetFileNameWithoutExtension(path);
                if (id != Id && Lock(path, FileMode.Open) is { } orphan)
                {
                    claimed.Add((id, orphan));
                }
            }

            if (claimed.Count > 0)
            {
                await release(claimed.ConvertAll(c => c.Id));
            }
        }
        finally
        {
            foreach (var (_, file) in claimed)
            {
                file.Dispose();
            }
        }

        // Closed before deleting, as Windows refuses to delete an open file. Should two services both claim a
        // file, releasing its locks twice is harmless.
        foreach (var (_, file) in claimed)
        {
            TryDelete(file.Name);
        }

        return claimed.ConvertAll(c => c.Id);
    }

    /// <summary>Closes the file; <paramref name="released"/> says whether its locks were released, else it stays to be claimed.</summary>
    public void Close(bool released)
    {
        held.Dispose();
        if (released)
        {
            TryDelete(held.Name);
        }
    }

    public void Dispose() => Close(released: false);

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another service holds it again or deleted it first; either way it is not ours to claim.
        }
    }

    private static FileStream? Lock(string path, FileMode mode) => OwnerOnly.TryOpen(path, mode, FileShare.None);
}
