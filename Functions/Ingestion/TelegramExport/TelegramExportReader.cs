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
    /// chats from 0. To resume after a message, pass its <see cref="ExportedMessage.Next"/> as
    /// <paramref name="from"/> with <paramref name="stream"/> positioned at its byte offset: nothing
    /// before it is read again, so each page of an import costs what it reads.
    /// </summary>
    /// <exception cref="TelegramExportException">The stream is not valid JSON or not a Telegram Desktop export.</exception>
    public static async IAsyncEnumerable<ExportedMessage> ReadAsync(
        Stream stream, ExportPosition? from, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var cursor = new TelegramExportJsonCursor(stream);
        await foreach (var message in ReadAsync(cursor, from, ct))
            yield return message;
    }

    internal static IAsyncEnumerable<ExportedMessage> ReadAsync(TelegramExportJsonCursor cursor, ExportPosition? from, CancellationToken ct) =>
        new ExportWalk(cursor, from, countOnly: false).ReadRootAsync(ct);

    /// <summary>Checks the whole stream is a Telegram Desktop export and counts its messages, without materialising them.</summary>
    /// <exception cref="TelegramExportException">The stream is not valid JSON or not a Telegram Desktop export.</exception>
    public static async Task<long> CountAsync(Stream stream, CancellationToken ct)
    {
        using var cursor = new TelegramExportJsonCursor(stream);
        var walk = new ExportWalk(cursor, from: null, countOnly: true);
        await foreach (var _ in walk.ReadRootAsync(ct))
        {
        }
        return walk.Count;
    }

    private sealed class ExportWalk(TelegramExportJsonCursor cursor, ExportPosition? from, bool countOnly)
    {
        private long index = from?.Index ?? 0;
        private string? section; // the chat list being read in a full export
        private bool placeholder; // the value that stands in for the message a resumed read starts after

        public long Count => index;

        public async IAsyncEnumerable<ExportedMessage> ReadRootAsync([EnumeratorCancellation] CancellationToken ct)
        {
            if (from is not null)
            {
                // Re-enter the messages array where the position points, as if the file so far had been read.
                cursor.Resume(from.Prefix(), from.ByteOffset);
                placeholder = true;
            }
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
                        section = property;
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
                if (placeholder || countOnly)
                {
                    placeholder = false;
                    if (!await cursor.SkipValueAsync(ct))
                        yield break;
                    if (countOnly)
                        index++;
                }
                else if (await cursor.ReadValueAsync(ct) is { } message)
                {
                    index++;
                    yield return new ExportedMessage(index - 1, chat, message, new ExportPosition(index, cursor.Position, section, chat));
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
/// <param name="Next">Where reading resumes after this message.</param>
public sealed record ExportedMessage(long Index, ExportChat Chat, JsonElement Message, ExportPosition Next);

/// <summary>Where reading an export resumes: just after a message, inside its chat.</summary>
/// <param name="Index">The index of the next message.</param>
/// <param name="ByteOffset">The byte just after the message's closing brace.</param>
/// <param name="Section">The chat list of a full export (<c>chats</c>, <c>left_chats</c>); null in a chat history export.</param>
public sealed record ExportPosition(long Index, long ByteOffset, string? Section, ExportChat Chat)
{
    /// <summary>
    /// JSON that opens the objects and arrays enclosing the position, ending in a placeholder value
    /// for the message before it: followed by the rest of the file, it is a document the walk reads
    /// as it would the whole file (what came before the position only held messages already read).
    /// </summary>
    internal byte[] Prefix()
    {
        var chat = $"{{\"name\":{JsonSerializer.Serialize(Chat.Title)},\"type\":{JsonSerializer.Serialize(Chat.Type)},\"id\":{Chat.ChatId},\"messages\":[0";
        return System.Text.Encoding.UTF8.GetBytes(Section is null ? chat : $"{{{JsonSerializer.Serialize(Section)}:{{\"list\":[{chat}");
    }
}

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
