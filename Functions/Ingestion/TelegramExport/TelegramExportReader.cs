using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Streams the messages of a Telegram Desktop JSON export (<c>result.json</c>): either "Export chat
/// history" of one chat (<c>name</c>, <c>type</c>, <c>id</c>, <c>messages</c> at the top level) or
/// "Export Telegram data" (<c>chats.list</c> and <c>left_chats.list</c>, each entry such a chat).
/// Every other section (contacts, sessions, other_data, ...) is skipped without being materialised.
/// </summary>
public static class TelegramExportReader
{
    /// <summary>
    /// Reads the messages in file order. <see cref="ExportedMessage.Index"/> counts messages across all
    /// chats from 0, so an import resumes by passing the index after the last message it finished as
    /// <paramref name="skip"/>; skipped messages are scanned but not parsed.
    /// </summary>
    /// <exception cref="TelegramExportException">The stream is not valid JSON or not a Telegram Desktop export.</exception>
    public static async IAsyncEnumerable<ExportedMessage> ReadAsync(
        Stream stream, long skip, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        using var cursor = new TelegramExportJsonCursor(stream);
        await foreach (var message in ReadAsync(cursor, skip, ct))
            yield return message;
    }

    internal static IAsyncEnumerable<ExportedMessage> ReadAsync(TelegramExportJsonCursor cursor, long skip, CancellationToken ct) =>
        new ExportWalk(cursor, skip).ReadRootAsync(ct);

    private sealed class ExportWalk(TelegramExportJsonCursor cursor, long skip)
    {
        private long index;

        public async IAsyncEnumerable<ExportedMessage> ReadRootAsync([EnumeratorCancellation] CancellationToken ct)
        {
            if ((await cursor.ReadTokenAsync(ct)).Type != JsonTokenType.StartObject)
                throw new TelegramExportException("An export must be a JSON object (Telegram Desktop's result.json).");
            await foreach (var message in ReadChatAsync(isRoot: true, ct))
                yield return message;
            await cursor.ReadTokenAsync(ct); // the reader refuses anything after the root object
        }

        // The root of a single-chat export is a chat; the root of a full export holds lists of them.
        private async IAsyncEnumerable<ExportedMessage> ReadChatAsync(bool isRoot, [EnumeratorCancellation] CancellationToken ct)
        {
            string? name = null, type = null;
            long? id = null;
            var hasMessages = false;
            var hasChatLists = false;
            while (await ReadPropertyNameAsync(ct) is { } property)
            {
                switch (property)
                {
                    case "name":
                        name = await ReadStringAsync(property, ct);
                        break;
                    case "type":
                        type = await ReadStringAsync(property, ct);
                        break;
                    case "id":
                        id = await ReadIntegerAsync(property, ct);
                        break;
                    case "messages":
                        var chat = new ExportChat(
                            id ?? throw Invalid($"The chat named '{name}' has no id before its messages"),
                            type ?? throw Invalid($"Chat {id} has no type before its messages"),
                            name);
                        await foreach (var message in ReadMessagesAsync(chat, ct))
                            yield return message;
                        hasMessages = true;
                        break;
                    case "chats" or "left_chats" when isRoot:
                        await foreach (var message in ReadChatListAsync(property, ct))
                            yield return message;
                        hasChatLists = true;
                        break;
                    default:
                        await cursor.SkipValueAsync(ct);
                        break;
                }
            }
            if (!hasMessages && !hasChatLists)
                throw Invalid(isRoot
                    ? "The export has neither a messages array (chat history export) nor chats.list (full export)"
                    : $"Chat {id} ('{name}') has no messages array");
        }

        private async IAsyncEnumerable<ExportedMessage> ReadChatListAsync(string section, [EnumeratorCancellation] CancellationToken ct)
        {
            await ExpectAsync(JsonTokenType.StartObject, section, ct);
            var hasList = false;
            while (await ReadPropertyNameAsync(ct) is { } property)
            {
                if (property != "list")
                {
                    await cursor.SkipValueAsync(ct);
                    continue;
                }
                await ExpectAsync(JsonTokenType.StartArray, $"{section}.list", ct);
                while ((await cursor.ReadTokenAsync(ct)).Type is var token && token != JsonTokenType.EndArray)
                {
                    if (token != JsonTokenType.StartObject)
                        throw Invalid($"{section}.list must hold chat objects, not {token}");
                    await foreach (var message in ReadChatAsync(isRoot: false, ct))
                        yield return message;
                }
                hasList = true;
            }
            if (!hasList)
                throw Invalid($"{section} has no list array");
        }

        private async IAsyncEnumerable<ExportedMessage> ReadMessagesAsync(ExportChat chat, [EnumeratorCancellation] CancellationToken ct)
        {
            await ExpectAsync(JsonTokenType.StartArray, $"messages of chat {chat.ChatId}", ct);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (index < skip)
                {
                    if (!await cursor.SkipValueAsync(ct))
                        yield break;
                    index++;
                }
                else if (await cursor.ReadValueAsync(ct) is { } message)
                {
                    yield return new ExportedMessage(index++, chat, message);
                }
                else
                {
                    yield break;
                }
            }
        }

        /// <summary>The next property name of the current object; null at its end.</summary>
        private async ValueTask<string?> ReadPropertyNameAsync(CancellationToken ct)
        {
            var token = await cursor.ReadTokenAsync(ct);
            return token.Type == JsonTokenType.PropertyName ? token.Text : null;
        }

        private async ValueTask<string?> ReadStringAsync(string property, CancellationToken ct)
        {
            var token = await cursor.ReadTokenAsync(ct);
            return token.Type switch
            {
                JsonTokenType.String => token.Text,
                JsonTokenType.Null => null,
                _ => throw Invalid($"{property} must be a string, not {token.Type}"),
            };
        }

        private async ValueTask<long> ReadIntegerAsync(string property, CancellationToken ct) =>
            (await cursor.ReadTokenAsync(ct)).Integer ?? throw Invalid($"{property} must be an integer");

        private async ValueTask ExpectAsync(JsonTokenType expected, string what, CancellationToken ct)
        {
            var token = await cursor.ReadTokenAsync(ct);
            if (token.Type != expected)
                throw Invalid($"{what} must start with {expected}, not {token.Type}");
        }

        private TelegramExportException Invalid(string reason) => new($"{reason} (near byte {cursor.Position}).");
    }
}

/// <param name="Index">Position among all messages of the export, from 0, in file order.</param>
/// <param name="Message">The exported message as written by Telegram Desktop.</param>
public sealed record ExportedMessage(long Index, ExportChat Chat, JsonElement Message);

/// <param name="ChatId">The export's bare peer id; <see cref="TelegramExportMapping"/> turns it into the Bot API chat id.</param>
/// <param name="Type">The export's chat type, e.g. <c>personal_chat</c>, <c>private_group</c>, <c>public_supergroup</c>.</param>
public sealed record ExportChat(long ChatId, string Type, string? Title);

/// <summary>The stream is not a readable Telegram Desktop export, or one of its messages cannot be mapped.</summary>
public sealed class TelegramExportException : Exception
{
    public TelegramExportException() { }

    public TelegramExportException(string message) : base(message) { }

    public TelegramExportException(string message, Exception innerException) : base(message, innerException) { }
}
