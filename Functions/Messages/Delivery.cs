namespace Sift.Messages;

/// <summary>
/// Who delivers a message to the save path: what the document records as its <see cref="MessageDocument.Source"/>,
/// the account that numbered it (in private chats and basic groups, part of its <see cref="ChatKey"/>),
/// and whose copy it is (<see cref="MessageDocument.Origin"/>).
/// </summary>
public sealed record Delivery(string Source, string Account, string Origin)
{
    /// <summary>A bot's updates, by webhook or getUpdates: every bot's copy of a supergroup or channel message is the same message.</summary>
    public static Delivery Bot(string source, long botId) => new(source, ChatKey.Bot(botId), MessageDocument.TelegramOrigin);

    /// <summary>An export source: it numbers its private chats and basic groups itself, and its copies are its own.</summary>
    public static Delivery Export(string source, string sourceId) => new(source, ChatKey.Export(sourceId), ChatKey.Export(sourceId));
}
