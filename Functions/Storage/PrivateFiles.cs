namespace Sift.Storage;

/// <summary>
/// The data directory and every file in it are the owner's alone (directories 0700, files 0600):
/// they hold messages, key hashes and the master key. Modes are set at creation, and tightened on
/// what an earlier version created. SQLite gives a database's <c>-wal</c> and <c>-shm</c> files the
/// database file's own mode, so a database is created here, private, before SQLite opens it.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>The database file at <paramref name="path"/> (and its -wal and -shm files, when they exist) created or made private.</summary>
    public static void PrepareDatabase(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // An empty file is an empty database to SQLite.
        new FileStream(path, Options(System.IO.FileMode.OpenOrCreate)).Dispose();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }

    /// <summary>Options that create a file private to the owner.</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access = FileAccess.Write, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows() && mode is System.IO.FileMode.CreateNew or System.IO.FileMode.Create or System.IO.FileMode.OpenOrCreate)
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
