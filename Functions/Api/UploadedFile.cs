using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Sift.Api;

/// <summary>
/// The file a request uploads, read as it arrives: the body itself, or the file part of a multipart/form-data body
/// (what <c>curl -F file=@result.json</c> and browser forms send). The caller's size limit applies to the file alike.
/// </summary>
public static class UploadedFile
{
    private const int MaxBoundaryLength = 70;

    /// <exception cref="ValidationException">A multipart body without a boundary, malformed, or whose first part is not a file.</exception>
    public static async Task<Stream> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return request.Body;
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new ValidationException("body", $"A multipart/form-data upload needs a boundary of 1 to {MaxBoundaryLength} characters in its Content-Type.");
        }

        // No limit of the reader's own (128 MB a part): the caller counts the file's bytes against its limit.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        MultipartSection? section;
        try
        {
            section = await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException))
        {
            throw new ValidationException("body", $"The multipart/form-data body is malformed ({e.Message.TrimEnd()}).");
        }

        return section is not null && ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition()
            ? section.Body
            : throw new ValidationException("body",
                "The multipart/form-data body's first part is not a file: send the file as -F file=@result.json, or send it raw with --data-binary @result.json and Content-Type: application/json.");
    }
}
