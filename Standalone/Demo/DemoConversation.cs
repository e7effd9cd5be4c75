using System.Text.Json;
using Sift.Messages;
using Sift.Storage;
using Sift.Topics;

namespace Sift.Demo;

/// <summary>
/// The demo's team chat (<c>Demo/conversation.json</c>, written for Sift): its people, its topics, and its messages
/// with their times as minutes before the load, an edit and replies among them.
/// </summary>
internal sealed record DemoConversation(ChatInfo Chat, IReadOnlyDictionary<string, DemoPerson> People, IReadOnlyList<CreateTopicRequest> Topics, IReadOnlyList<DemoMessage> Messages)
{
    public const string Source = "demo";

    public ChatKey Key => new(Chat.Id, null);

    public static DemoConversation Read()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Demo", "conversation.json"));
        return JsonSerializer.Deserialize<DemoConversation>(file, SiftJson.Options) ?? throw new InvalidDataException("Demo/conversation.json is empty.");
    }

    /// <summary>
    /// The messages as saved at <paramref name="now"/>: each original, then its edit. The chat ends a few minutes ago;
    /// it begins a few hours earlier, or at midnight UTC when that is later (the times closer together), so today's digest has all of it.
    /// </summary>
    public IEnumerable<MessageDocument> Documents(DateTimeOffset now)
    {
        var span = Messages.Max(m => Math.Max(m.MinutesAgo, m.Edit?.MinutesAgo ?? 0)) + 1;
        var scale = Math.Min(1, (now - new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero)).TotalMinutes / span);
        DateTimeOffset At(int minutesAgo) => now.AddMinutes(-minutesAgo * scale);
        foreach (var message in Messages)
        {
            var original = Document(message, message.Text, At(message.MinutesAgo));
            yield return original;
            if (message.Edit is { } edit)
            {
                yield return original with { Text = edit.Text, EditDate = At(edit.MinutesAgo) };
            }
        }
    }

    private MessageDocument Document(DemoMessage message, string text, DateTimeOffset date)
    {
        var person = People[message.From];
        return new MessageDocument
        {
            Id = MessageDocument.MakeId(Key, message.Id),
            ChatId = Chat.Id,
            MessageId = message.Id,
            Date = date,
            Kind = MessageKind.Text,
            Text = text,
            Chat = Chat,
            Sender = new SenderInfo("user", person.Id, person.Name, person.Username, false),
            ReplyToMessageId = message.ReplyTo,
            Source = Source,
        };
    }
}

internal sealed record DemoPerson(long Id, string Name, string Username);

internal sealed record DemoMessage(long Id, string From, int MinutesAgo, string Text, long? ReplyTo = null, DemoEdit? Edit = null);

internal sealed record DemoEdit(int MinutesAgo, string Text);
