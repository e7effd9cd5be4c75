namespace Sift.Telegram.Mapping;

// Message contents. file_id is declared nullable although Telegram always sends it: a file-less
// object is then simply not stored as media instead of failing the whole update.

internal sealed record PhotoSize(string? FileId, string? FileUniqueId, int Width, int Height, long? FileSize = null);

internal sealed record Video(
    string? FileId, string? FileUniqueId, int Width, int Height, int Duration,
    string? FileName = null, string? MimeType = null, long? FileSize = null);

internal sealed record Animation(
    string? FileId, string? FileUniqueId, int Width, int Height, int Duration,
    string? FileName = null, string? MimeType = null, long? FileSize = null);

/// <summary>Round video; <c>length</c> is both its width and height.</summary>
internal sealed record VideoNote(string? FileId, string? FileUniqueId, int Length, int Duration, long? FileSize = null);

internal sealed record Document(
    string? FileId, string? FileUniqueId, string? FileName = null, string? MimeType = null, long? FileSize = null);

internal sealed record Sticker(
    string? FileId, string? FileUniqueId, string? Type, int Width, int Height,
    bool IsAnimated = false, bool IsVideo = false, string? Emoji = null, string? SetName = null, long? FileSize = null);

internal sealed record Voice(
    string? FileId, string? FileUniqueId, int Duration, string? MimeType = null, long? FileSize = null);

internal sealed record Audio(
    string? FileId, string? FileUniqueId, int Duration, string? Performer = null, string? Title = null,
    string? FileName = null, string? MimeType = null, long? FileSize = null);

internal sealed record Poll(
    string? Id, string? Question, IReadOnlyList<PollOption>? Options = null, string? Type = null,
    bool IsAnonymous = true, bool IsClosed = false);

internal sealed record PollOption(string? Text, int VoterCount);

internal sealed record Location(double Latitude, double Longitude);

internal sealed record Venue(Location? Location, string? Title, string? Address);

internal sealed record Contact(string? PhoneNumber, string? FirstName, string? LastName = null, long? UserId = null);

internal sealed record Dice(string? Emoji, int Value);

internal sealed record Game(string? Title, string? Description);

internal sealed record Invoice(string? Title, string? Description, string? Currency, long TotalAmount);

internal sealed record Story(Chat? Chat, long Id);

internal sealed record Giveaway(IReadOnlyList<Chat>? Chats, long WinnersSelectionDate, int WinnerCount);
