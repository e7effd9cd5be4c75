using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Telegram.Mapping;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Exports name peers by their bare MTProto id (chats by <c>id</c> and <c>type</c>, senders as
/// <c>user123</c> / <c>chat456</c> / <c>channel789</c>); the Bot API signs and prefixes them by kind.
/// </summary>
internal static class TelegramExportPeers
{
    public static ExportPeer Of(ExportChat chat) => new(chat.Type switch
    {
        // "replies" is the Replies service chat, a private chat with a service user.
        "personal_chat" or "bot_chat" or "saved_messages" or "replies" => ExportPeerKind.User,
        "private_group" => ExportPeerKind.Chat,
        "private_supergroup" or "public_supergroup" or "private_channel" or "public_channel" => ExportPeerKind.Channel,
        // Guessing would file the chat's messages under a wrong id, which no later import could undo.
        _ => throw new TelegramExportException($"Chat {chat.ChatId} has type '{chat.Type}', which Sift cannot turn into a Bot API chat id."),
    }, chat.ChatId);

    /// <summary>The Bot API <c>Chat</c> of an exported chat.</summary>
    public static JsonObject ToBotApiChat(ExportChat chat)
    {
        var peer = Of(chat);
        var type = peer.Kind switch
        {
            ExportPeerKind.User => "private",
            ExportPeerKind.Chat => "group",
            _ => chat.Type.EndsWith("supergroup", StringComparison.Ordinal) ? "supergroup" : "channel",
        };
        // A private chat has its person's name instead of a title; first_name carries the whole
        // name, which TelegramNames reads back as the same display name.
        return new JsonObject { ["id"] = peer.BotApiId, ["type"] = type }
            .With(peer.Kind == ExportPeerKind.User ? "first_name" : "title", chat.Title);
    }

    /// <summary>A peer field such as <c>"from_id": "user123"</c>; older exports wrote users as a bare number.</summary>
    public static ExportPeer? Parse(JsonElement source, string field) =>
        !source.TryGetProperty(field, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) ? new(ExportPeerKind.User, id)
        : value.ValueKind == JsonValueKind.String ? Parse(value.GetString()!)
        : null;

    private static ExportPeer? Parse(string value) =>
        Prefixed(value, "user", ExportPeerKind.User) ?? Prefixed(value, "channel", ExportPeerKind.Channel)
        ?? Prefixed(value, "chat", ExportPeerKind.Chat);

    private static ExportPeer? Prefixed(string value, string prefix, ExportPeerKind kind) =>
        value.StartsWith(prefix, StringComparison.Ordinal)
        && long.TryParse(value.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new ExportPeer(kind, id)
            : null;
}

internal enum ExportPeerKind { User, Chat, Channel }

internal readonly record struct ExportPeer(ExportPeerKind Kind, long BareId)
{
    // Supergroups and channels: -100 followed by the bare id.
    private const long ChannelIdOffset = 1_000_000_000_000;

    public long BotApiId => Kind switch
    {
        ExportPeerKind.User => BareId,
        ExportPeerKind.Chat => -BareId,
        _ => -(ChannelIdOffset + BareId),
    };

    /// <summary>The Bot API <c>User</c> (for a user) or <c>Chat</c> (otherwise) this peer names.</summary>
    public JsonObject ToBotApi(string? name) => Kind == ExportPeerKind.User
        ? new JsonObject { ["id"] = BotApiId }.With("first_name", name)
        : new JsonObject { ["id"] = BotApiId }.With("title", name);
}
