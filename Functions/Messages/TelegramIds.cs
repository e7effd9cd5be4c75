namespace Sift.Messages;

/// <summary>
/// Telegram's ranges of Bot API chat ids (https://core.telegram.org/api/bots/ids): users (private
/// chats) 1 to 0xffffffffff; basic groups -1 to -999999999999; supergroups and channels
/// -1000000000001 to -1997852516352. Secret chats (below) never reach bots or exports, and Sift's
/// feeds take their synthetic ids from far below all of them (<c>SourceRegistry.FeedChatId</c>), so a
/// Telegram source can never write into a feed's chat.
/// </summary>
public static class TelegramIds
{
    public const long MaxUser = 0xff_ffff_ffff;
    public const long MinBasicGroup = -999_999_999_999;
    public const long MaxChannel = -1_000_000_000_001;
    public const long MinChannel = -1_997_852_516_352;

    public static bool IsChat(long chatId) => chatId is >= 1 and <= MaxUser or >= MinBasicGroup and <= -1 or >= MinChannel and <= MaxChannel;

    /// <summary>Private chats and basic groups: each account (a bot, the account that exported) numbers their messages on its own.</summary>
    public static bool NumbersPerAccount(long chatId) => chatId is >= MinBasicGroup and <= MaxUser;

    public static string Describe(long chatId) =>
        $"Chat id {chatId} is outside Telegram's ranges (users 1..{MaxUser}, basic groups {MinBasicGroup}..-1, supergroups and channels {MinChannel}..{MaxChannel}).";
}
