using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Sift.Analysis;
using Sift.Analysis.Scoring;
using Sift.Messages;

namespace Sift.Tests.Analysis;

/// <summary>One message of the labelled set (<c>Data/labelled-messages.json</c>) and what a reader judged it to be.</summary>
public sealed record LabelledMessage(
    int Id, string Chat, string Lang, string Text, MessageClass Class, string Topic, IReadOnlyList<string> Atoms,
    bool IsBot = false, bool Forwarded = false, string? Kind = null, string? ServiceAction = null, int Replies = 0);

/// <summary>A labelled message as the scorer sees it: the stored document and its chat's context.</summary>
public sealed record LabelledCase(LabelledMessage Label, MessageDocument Message, ScoringContext Context);

/// <summary>
/// Loads the labelled set as a real chat delivers it: each file chat is one Telegram chat in file
/// order a minute apart, each message's recent context is the chat's messages before it, and the
/// entities Telegram would send (urls, @mentions, /commands) are found in the text.
/// </summary>
internal static partial class LabelledMessages
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter<MessageClass>() } };
    private static readonly Lazy<IReadOnlyList<LabelledCase>> Cases = new(Load);

    public static IReadOnlyList<LabelledCase> All => Cases.Value;

    private static List<LabelledCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "Data", "labelled-messages.json");
        var labels = JsonSerializer.Deserialize<List<LabelledMessage>>(File.ReadAllText(path), Json)!;
        var chats = labels.Select(l => l.Chat).Distinct().ToList();
        var cases = new List<LabelledCase>();
        foreach (var label in labels)
        {
            var message = ToDocument(label, chatId: -1000 - chats.IndexOf(label.Chat));
            var recent = cases.Where(c => c.Label.Chat == label.Chat).Select(c => new RecentMessage(c.Message.Id, c.Message.MessageId, c.Message.Text)).Reverse().Take(50).ToList();
            cases.Add(new LabelledCase(label, message, new ScoringContext(recent, Math.Min(label.Replies, 5))));
        }

        return cases;
    }

    private static MessageDocument ToDocument(LabelledMessage label, long chatId) => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(chatId, null), label.Id),
        ChatId = chatId,
        MessageId = label.Id,
        Date = Start.AddMinutes(label.Id),
        Kind = label.Kind is null ? MessageKind.Text : Enum.Parse<MessageKind>(label.Kind, ignoreCase: true),
        Text = label.Text.Length == 0 ? null : label.Text,
        Chat = new ChatInfo(chatId, "supergroup", label.Chat, null),
        Sender = new SenderInfo("user", 100 + (label.Id % 7), label.IsBot ? "Team bot" : "Member", label.IsBot ? "team_bot" : null, label.IsBot),
        Entities = EntitiesOf(label.Text),
        Forward = label.Forwarded ? new ForwardInfo("channel", Start, null, "Some channel", -100999, 1) : null,
        ServiceAction = label.ServiceAction,
        Source = "labelled-set",
    };

    private static List<TextEntity> EntitiesOf(string text) =>
    [
        .. Url().Matches(text).Select(m => new TextEntity("url", m.Index, m.Length)),
        .. Mention().Matches(text).Select(m => new TextEntity("mention", m.Index, m.Length)),
        .. Command().Matches(text).Select(m => new TextEntity("bot_command", m.Index, m.Length)),
    ];

    [GeneratedRegex(@"https?://\S+|www\.\S+|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|io|ly|me|xyz|win|shop|top|pro|gift|de)\b(?:/\S*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![\w@.])@\w{3,}")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^/\w+")]
    private static partial Regex Command();
}
