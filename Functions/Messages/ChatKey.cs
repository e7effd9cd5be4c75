using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sift.Messages;

/// <summary>
/// A conversation as Sift stores it: what a message id is unique within. Supergroups and channels
/// number their messages per chat, so their key is the chat id (<c>-1001234567890</c>), as is a
/// feed's. In private chats and basic groups every account numbers messages on its own (bots
/// included), so their key adds the account that numbered them: <c>7@bot123456</c> (a bot),
/// <c>-4001@export9f3a0c1b2d4e</c> (an export source). One key is one partition of messages,
/// statistics, search entries, atoms and proposals, and one entry of the chats list.
/// </summary>
[JsonConverter(typeof(ChatKeyJsonConverter))]
[Description("a chat key: the chat id, and for a private chat or basic group '@' and the account that numbered its messages (7@bot123456)")]
public readonly record struct ChatKey(long ChatId, string? Account) : IParsable<ChatKey>
{
    public const char Separator = '@';

    /// <summary>The key of a chat whose messages <paramref name="account"/> numbered: the account counts only where numbering is per account.</summary>
    public static ChatKey Numbered(long chatId, string account) => new(chatId, TelegramIds.NumbersPerAccount(chatId) ? account : null);

    public static string Bot(long botId) => string.Create(CultureInfo.InvariantCulture, $"bot{botId}");

    public static string Export(string sourceId) => $"export{sourceId}";

    public override string ToString() => Account is null
        ? ChatId.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{ChatId}{Separator}{Account}");

    public static ChatKey Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var key) ? key : throw new FormatException($"'{s}' is not a chat key.");

    /// <summary>A chat id, optionally followed by <c>@bot</c> and digits or <c>@export</c> and a source id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ChatKey result)
    {
        result = default;
        if (string.IsNullOrEmpty(s) || s.Length > 64)
        {
            return false;
        }

        var at = s.IndexOf(Separator, StringComparison.Ordinal);
        var id = at < 0 ? s.AsSpan() : s.AsSpan(0, at);
        if (!long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return false;
        }

        var account = at < 0 ? null : s[(at + 1)..];
        if (account is not null && !IsAccount(account))
        {
            return false;
        }

        result = new ChatKey(chatId, account);
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> ExportChars = System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz-_");

    private static bool IsAccount(string account) =>
        account.StartsWith("bot", StringComparison.Ordinal) && account.Length is > 3 and <= 23 && account.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0
        || account.StartsWith("export", StringComparison.Ordinal) && account.Length is > 6 and <= 38
           && account.AsSpan(6).IndexOfAnyExcept(ExportChars) < 0;
}

/// <summary>A key is written as its text; a bare number (a document or queue message from before keys had accounts) reads as a chat id.</summary>
public sealed class ChatKeyJsonConverter : JsonConverter<ChatKey>
{
    public override ChatKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new ChatKey(reader.GetInt64(), null),
        JsonTokenType.String when ChatKey.TryParse(reader.GetString(), CultureInfo.InvariantCulture, out var key) => key,
        // Without a message of its own, the serializer names the field and the type, which a request's 400 turns into the key's form.
        _ => throw new JsonException(),
    };

    public override void Write(Utf8JsonWriter writer, ChatKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
