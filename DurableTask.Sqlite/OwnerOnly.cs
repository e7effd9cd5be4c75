namespace Sift.DurableTask.Sqlite;

/// <summary>
/// The backend's folder and files are the owner's alone (directories 0700, files 0600): they hold every orchestration's
/// inputs and outputs. SQLite gives a database's <c>-wal</c> and <c>-shm</c> files the database file's own mode, so the
/// database is created here, private, before SQLite opens it.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Opens (or creates, private) a file; null when another process holds it or it cannot be had.</summary>
    public static FileStream? TryOpen(string path, System.IO.FileMode mode, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = share };
        if (!OperatingSystem.IsWindows() && mode is System.IO.FileMode.CreateNew or System.IO.FileMode.OpenOrCreate)
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            return new FileStream(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
