namespace Sift.Telegram.Mapping;

/// <summary>Display names: Telegram splits people's names, and private chats have no title.</summary>
internal static class TelegramNames
{
    public static string? Of(User? user) => user is null ? null : Join(user.FirstName, user.LastName);

    public static string? Of(Chat? chat) => chat is null ? null : chat.Title ?? Join(chat.FirstName, chat.LastName);

    private static string? Join(string? first, string? last) =>
        (string.IsNullOrWhiteSpace(first), string.IsNullOrWhiteSpace(last)) switch
        {
            (true, true) => null,
            (true, false) => last,
            (false, true) => first,
            (false, false) => $"{first} {last}",
        };
}
