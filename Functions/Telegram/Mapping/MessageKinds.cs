using System.Text.Json;
using Sift.Messages;

namespace Sift.Telegram.Mapping;

internal static class MessageKinds
{
    public static (MessageKind Kind, string? ServiceAction) Detect(Message message, JsonElement raw)
    {
        if (ContentKind(message) is { } kind)
            return (kind, null);
        if (message.Text is not null)
            return (MessageKind.Text, null);
        return ServiceActions.Find(raw) is { } action ? (MessageKind.Service, action) : (MessageKind.Other, null);
    }

    // Order matters where Telegram sends one content twice for older clients.
    private static MessageKind? ContentKind(Message message) => message switch
    {
        { Animation: not null } => MessageKind.Animation, // also carries document
        { Photo.Count: > 0 } => MessageKind.Photo,
        { Video: not null } => MessageKind.Video,
        { VideoNote: not null } => MessageKind.VideoNote,
        { Sticker: not null } => MessageKind.Sticker,
        { Voice: not null } => MessageKind.Voice,
        { Audio: not null } => MessageKind.Audio,
        { Document: not null } => MessageKind.Document,
        { Story: not null } => MessageKind.Story,
        { Poll: not null } => MessageKind.Poll,
        { Venue: not null } => MessageKind.Venue, // also carries location
        { Location: not null } => MessageKind.Location,
        { Contact: not null } => MessageKind.Contact,
        { Dice: not null } => MessageKind.Dice,
        { Game: not null } => MessageKind.Game,
        { Invoice: not null } => MessageKind.Invoice,
        { Giveaway: not null } => MessageKind.Giveaway,
        _ => null,
    };
}
