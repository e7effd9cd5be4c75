using Sift.Api;
using Sift.Storage;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Takes a new export for a source: stores it under a new upload id, checks it is a Telegram
/// Desktop export and counts its messages in one streaming pass, then swaps it in. A body that is
/// not an export is removed and changes nothing; the export it replaces goes once no run reads it.
/// </summary>
public sealed class ExportUploads(IUploadStore uploads, SourceRegistry sources)
{
    /// <exception cref="ValidationException">The body is not a Telegram Desktop JSON export.</exception>
    /// <exception cref="PayloadTooLargeException">The body is longer than <paramref name="maxBytes"/>.</exception>
    public async Task<Source> AcceptAsync(Source source, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        string uploadId;
        try
        {
            uploadId = (await uploads.SaveAsync(body, maxBytes, cancellationToken)).Id;
        }
        catch (UploadTooLargeException e)
        {
            throw new PayloadTooLargeException(e.LimitBytes);
        }

        long messages;
        try
        {
            await using var stored = await uploads.OpenReadAsync(uploadId, 0, cancellationToken);
            messages = await TelegramExportReader.CountAsync(stored, cancellationToken);
        }
        catch (Exception e)
        {
            await uploads.DeleteAsync(uploadId, CancellationToken.None);
            throw e is TelegramExportException ? new ValidationException("body", $"The upload is not a Telegram Desktop JSON export (result.json): {e.Message}") : e;
        }

        Source swapped;
        string? replaced;
        try
        {
            (swapped, replaced) = await sources.SwapUploadAsync(source.Id, uploadId, messages, cancellationToken);
        }
        catch
        {
            // The source went away meanwhile: nothing names the new upload.
            await uploads.DeleteAsync(uploadId, CancellationToken.None);
            throw;
        }

        if (replaced is not null)
        {
            await sources.ReleaseUploadAsync(swapped, replaced, cancellationToken);
        }

        return swapped;
    }
}
