using Sift.Messages;

namespace Sift.Telegram.Mapping;

internal static class MediaMapping
{
    /// <summary>The file of the content that decided <paramref name="kind"/>; null for file-less kinds.</summary>
    public static MediaInfo? From(Message message, MessageKind kind) => kind switch
    {
        MessageKind.Photo => Largest(message.Photo) is { } p
            ? Media(p.FileId, p.FileUniqueId, fileSize: p.FileSize, width: p.Width, height: p.Height) : null,
        MessageKind.Animation => message.Animation is { } a
            ? Media(a.FileId, a.FileUniqueId, a.FileName, a.MimeType, a.FileSize, a.Width, a.Height, a.Duration) : null,
        MessageKind.Video => message.Video is { } v
            ? Media(v.FileId, v.FileUniqueId, v.FileName, v.MimeType, v.FileSize, v.Width, v.Height, v.Duration) : null,
        MessageKind.VideoNote => message.VideoNote is { } n
            ? Media(n.FileId, n.FileUniqueId, fileSize: n.FileSize, width: n.Length, height: n.Length, duration: n.Duration) : null,
        MessageKind.Document => message.Document is { } d
            ? Media(d.FileId, d.FileUniqueId, d.FileName, d.MimeType, d.FileSize) : null,
        MessageKind.Sticker => message.Sticker is { } s
            ? Media(s.FileId, s.FileUniqueId, fileSize: s.FileSize, width: s.Width, height: s.Height) : null,
        MessageKind.Voice => message.Voice is { } o
            ? Media(o.FileId, o.FileUniqueId, mimeType: o.MimeType, fileSize: o.FileSize, duration: o.Duration) : null,
        MessageKind.Audio => message.Audio is { } u
            ? Media(u.FileId, u.FileUniqueId, u.FileName, u.MimeType, u.FileSize, duration: u.Duration) : null,
        _ => null,
    };

    // Telegram lists sizes smallest first, but the area decides in case an order ever differs.
    private static PhotoSize? Largest(IReadOnlyList<PhotoSize>? sizes) =>
        sizes?.Where(s => !string.IsNullOrEmpty(s.FileId)).MaxBy(s => (long)s.Width * s.Height);

    private static MediaInfo? Media(
        string? fileId, string? fileUniqueId, string? fileName = null, string? mimeType = null, long? fileSize = null,
        int? width = null, int? height = null, int? duration = null) =>
        string.IsNullOrEmpty(fileId)
            ? null
            : new MediaInfo(fileId, fileUniqueId, fileName, mimeType, fileSize, width, height, duration);
}
