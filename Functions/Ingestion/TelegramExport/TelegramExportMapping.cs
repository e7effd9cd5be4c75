using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Messages;
using Sift.Telegram;
using Sift.Telegram.Mapping;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Turns an exported message into the Bot API <c>Message</c> a bot would have received and stores it
/// through the webhook's own mapping (<see cref="UpdateMapper.MapMessage"/>), so kinds, entities,
/// forwards, media and service actions are decided in one place and a message that arrives both ways
/// gets the same document.
/// </summary>
/// <remarks>
/// Same document, both ways, only where Telegram numbers messages per chat: supergroups and channels.
/// In private chats and basic groups every account, bots included, numbers messages on its own, so a
/// bot's and an exporting user's <c>message_id</c> of one message differ: there the export's messages
/// go under its own <see cref="ChatKey"/>, never into a bot's.
/// </remarks>
public static class TelegramExportMapping
{
    /// <summary>
    /// The stored form of <paramref name="exported"/>, or null for an <c>unsupported</c> entry: Telegram
    /// Desktop writes those (an id and nothing else, not even a date) for messages it could not export,
    /// so there is nothing to store.
    /// </summary>
    /// <exception cref="TelegramExportException">The entry is not a message Sift can map (no id, no date, unknown chat type).</exception>
    public static MessageDocument? Map(ExportedMessage exported, Delivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exported);
        if (exported.Message.ValueKind != JsonValueKind.Object)
            throw new TelegramExportException($"Message {exported.Index} of the export is {exported.Message.ValueKind}, not an object.");
        if (exported.Message.OptionalString("type") == "unsupported")
            return null;

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            ToBotApiMessage(exported).WriteTo(writer);
        using var message = JsonDocument.Parse(buffer.WrittenMemory);
        try
        {
            return UpdateMapper.MapMessage(message.RootElement, delivery, now);
        }
        catch (MalformedUpdateException e)
        {
            throw new TelegramExportException(
                $"Message {exported.Index} of the export (chat {exported.Chat.ChatId}) cannot be stored: {e.Message}", e);
        }
    }

    /// <summary>The Bot API message; what the export lacks (message_id, date) is left for the webhook's checks to report.</summary>
    internal static JsonObject ToBotApiMessage(ExportedMessage exported)
    {
        var source = exported.Message;
        var message = new JsonObject()
            .With("message_id", source.OptionalInt64("id"))
            .With("date", Date(source, "date"))
            .With("edit_date", Date(source, "edited"));
        message["chat"] = TelegramExportPeers.ToBotApiChat(exported.Chat);

        // A service message's actor is its sender; its text only restates the action.
        var isService = source.OptionalString("type") == "service";
        AddSender(message, source, isService ? "actor" : "from");
        if (isService)
        {
            TelegramExportServiceActions.Add(message, source);
            return message;
        }
        AddReply(message, source, exported.Chat);
        AddForward(message, source);
        var isFile = TelegramExportMedia.Add(message, source);
        TelegramExportText.Add(message, source, asCaption: isFile);
        return message;
    }

    // date_unixtime is exact; the older date is the exporting computer's local time without a zone,
    // read as UTC because nothing says which zone it was.
    private static long? Date(JsonElement source, string field) =>
        source.OptionalInt64($"{field}_unixtime")
        ?? (DateTime.TryParseExact(
                source.OptionalString(field), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeSeconds()
            : null);

    // A user is the Bot API's from; a chat (a channel's own posts, anonymous admins) is sender_chat.
    private static void AddSender(JsonObject message, JsonElement source, string field)
    {
        if (TelegramExportPeers.Parse(source, $"{field}_id") is not { } peer)
            return;
        message[peer.Kind == ExportPeerKind.User ? "from" : "sender_chat"] = peer.ToBotApi(source.OptionalString(field));
    }

    // reply_to_peer_id is only written for a reply to another chat, which the Bot API reports as
    // external_reply, and Sift does not store.
    private static void AddReply(JsonObject message, JsonElement source, ExportChat chat)
    {
        if (source.OptionalInt64("reply_to_message_id") is not { } replyTo)
            return;
        var peer = TelegramExportPeers.Parse(source, "reply_to_peer_id");
        if (peer is null || peer == TelegramExportPeers.Of(chat))
            message["reply_to_message"] = new JsonObject { ["message_id"] = replyTo };
    }

    // Exports name the origin (forwarded_from), newer ones also identify it (forwarded_from_id), but
    // none keeps the original date.
    private static void AddForward(JsonObject message, JsonElement source)
    {
        if (!source.TryGetProperty("forwarded_from", out var from) && !source.TryGetProperty("forwarded_from_id", out _))
            return;
        var name = from.ValueKind == JsonValueKind.String ? from.GetString() : null;
        message["forward_origin"] = TelegramExportPeers.Parse(source, "forwarded_from_id") switch
        {
            { Kind: ExportPeerKind.User } user => new JsonObject { ["type"] = "user", ["sender_user"] = user.ToBotApi(name) },
            { Kind: ExportPeerKind.Chat } chat => new JsonObject { ["type"] = "chat", ["sender_chat"] = chat.ToBotApi(name) },
            { } channel => new JsonObject { ["type"] = "channel", ["chat"] = channel.ToBotApi(name) },
            // Only a name: a user who hides their account, or an export from before forwarded_from_id.
            null => new JsonObject { ["type"] = "hidden_user" }.With("sender_user_name", name),
        };
    }
}
