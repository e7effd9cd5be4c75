namespace Sift.Storage;

/// <summary>
/// The upload port: large files (Telegram exports) streamed in and read back from any byte, never
/// held in memory whole. Adapters: document chunks in the store (standalone) and Blob storage (Azure).
/// </summary>
public interface IUploadStore
{
    /// <summary>Streams <paramref name="content"/> into a new upload, enforcing <paramref name="maxBytes"/> while it reads.</summary>
    /// <exception cref="UploadTooLargeException">The content is longer than <paramref name="maxBytes"/>. Whenever saving fails, nothing of the upload is kept.</exception>
    Task<StoredUpload> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Reads the upload from byte <paramref name="position"/>, fetching only what is read from there on.</summary>
    /// <exception cref="FileNotFoundException">The upload does not exist (thrown on opening or on the first read).</exception>
    Task<Stream> OpenReadAsync(string uploadId, long position, CancellationToken cancellationToken);

    /// <summary>Deletes the upload; deleting one that is gone does nothing.</summary>
    Task DeleteAsync(string uploadId, CancellationToken cancellationToken);
}

public sealed record StoredUpload(string Id, long Length);

/// <summary>Storage knows nothing of HTTP: the caller turns this into its own 413.</summary>
public sealed class UploadTooLargeException(long limitBytes) : Exception($"The upload exceeds the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}
