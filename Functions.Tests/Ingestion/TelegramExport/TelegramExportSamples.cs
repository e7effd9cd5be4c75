using System.Text;
using System.Text.Json;
using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using Sift.Messages;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>
/// Telegram Desktop exports shaped like the ones it writes (field order, indentation, local dates and
/// the sections Sift skips included). Peers match <see cref="Telegram.UpdateSamples"/>, so the same
/// message can be compared arriving both ways.
/// </summary>
internal static class TelegramExportSamples
{
    public const string ExportSource = "telegram-export";
    public static readonly Delivery Export = Delivery.Export(ExportSource, "0123456789ab");
    public const long Date = 1735787045; // 2025-01-02T03:04:05Z, written as local time (UTC+1) in "date"
    public static readonly DateTimeOffset Now = new(2025, 1, 3, 0, 0, 0, TimeSpan.Zero);

    public static readonly ExportChat Supergroup = new(1234567890, "public_supergroup", "Sift devs");
    public static readonly ExportChat Channel = new(9876543210, "public_channel", "Sift news");

    public const string FromAlice = """ "from": "Alice Liddell", "from_id": "user111111111" """;
    public const string FromBob = """ "from": "Bob", "from_id": "user222222222" """;

    /// <summary>An exported message: the fields every message has, then <paramref name="body"/>.</summary>
    public static string Message(string body, long id = 42, string type = "message") =>
        $$"""{"id": {{id}}, "type": "{{type}}", "date": "2025-01-02T04:04:05", "date_unixtime": "{{Date}}", {{body}}}""";

    public static MessageDocument Map(string messageJson, ExportChat? chat = null) =>
        TelegramExportMapping.Map(Exported(messageJson, chat), Export, Now)
        ?? throw new InvalidOperationException("The message was not mapped.");

    public static ExportedMessage Exported(string messageJson, ExportChat? chat = null)
    {
        using var document = JsonDocument.Parse(messageJson);
        return new ExportedMessage(0, chat ?? Supergroup, document.RootElement.Clone(), new ExportPosition(1, 0, null, chat ?? Supergroup));
    }

    public static Stream Utf8(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads from <paramref name="from"/>; <paramref name="stream"/> must start at its byte offset.</summary>
    public static async Task<List<ExportedMessage>> ReadAllAsync(Stream stream, ExportPosition? from = null)
    {
        var messages = new List<ExportedMessage>();
        await foreach (var message in TelegramExportReader.ReadAsync(stream, from, CancellationToken.None))
            messages.Add(message);
        return messages;
    }

    public static Task<List<ExportedMessage>> ReadAllAsync(string json) => ReadAllAsync(Utf8(json));

    /// <summary>Reads the messages after the first <paramref name="skip"/>, resuming at the position the last of them gave.</summary>
    public static async Task<List<ExportedMessage>> ResumeAfterAsync(string json, int skip)
    {
        if (skip == 0)
            return await ReadAllAsync(json);
        var from = (await ReadAllAsync(json))[skip - 1].Next;
        return await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)[(int)from.ByteOffset..]), from);
    }

    /// <summary>"Export chat history" of one supergroup: every kind of entry Sift maps, in one file.</summary>
    public const string SingleChat = """
        {
         "name": "Sift devs",
         "type": "public_supergroup",
         "id": 1234567890,
         "messages": [
          {
           "id": 40, "type": "service", "date": "2025-01-01T10:00:00", "date_unixtime": "1735722000",
           "actor": "Alice Liddell", "actor_id": "user111111111", "action": "create_channel", "title": "Sift devs",
           "text": "", "text_entities": []
          },
          {
           "id": 41, "type": "service", "date": "2025-01-01T10:01:00", "date_unixtime": "1735722060",
           "actor": "Alice Liddell", "actor_id": "user111111111", "action": "invite_members", "members": ["Bob"],
           "text": "", "text_entities": []
          },
          {
           "id": 42, "type": "message", "date": "2025-01-02T04:04:05", "date_unixtime": "1735787045",
           "from": "Alice Liddell", "from_id": "user111111111",
           "text": "Hello, Sift", "text_entities": [{"type": "plain", "text": "Hello, Sift"}]
          },
          {
           "id": 43, "type": "message", "date": "2025-01-02T04:05:00", "date_unixtime": "1735787100",
           "edited": "2025-01-02T04:06:00", "edited_unixtime": "1735787160",
           "from": "Alice Liddell", "from_id": "user111111111",
           "text": ["Hi 👋 ", {"type": "bold", "text": "Sift"}, " — see ", {"type": "link", "text": "https://sift.example"}, " ",
             {"type": "hashtag", "text": "#news"}],
           "text_entities": [{"type": "plain", "text": "Hi 👋 "}, {"type": "bold", "text": "Sift"}, {"type": "plain", "text": " — see "},
             {"type": "link", "text": "https://sift.example"}, {"type": "plain", "text": " "}, {"type": "hashtag", "text": "#news"}]
          },
          {
           "id": 44, "type": "message", "date": "2025-01-02T04:07:00", "date_unixtime": "1735787220",
           "from": "Bob", "from_id": "user222222222", "reply_to_message_id": 42,
           "text": "Hi Alice", "text_entities": [{"type": "plain", "text": "Hi Alice"}]
          },
          {
           "id": 45, "type": "message", "date": "2025-01-02T04:08:00", "date_unixtime": "1735787280",
           "from": "Bob", "from_id": "user222222222", "forwarded_from": "Carol", "forwarded_from_id": "user333333333",
           "text": "Lunch at noon", "text_entities": [{"type": "plain", "text": "Lunch at noon"}]
          },
          {
           "id": 46, "type": "message", "date": "2025-01-02T04:09:00", "date_unixtime": "1735787340",
           "from": "Bob", "from_id": "user222222222", "forwarded_from": "Dora Private",
           "text": "A secret", "text_entities": [{"type": "plain", "text": "A secret"}]
          },
          {
           "id": 47, "type": "message", "date": "2025-01-02T04:10:00", "date_unixtime": "1735787400",
           "from": "Alice Liddell", "from_id": "user111111111",
           "photo": "photos/photo_1@02-01-2025_04-10-00.jpg", "photo_file_size": 120000, "width": 1280, "height": 960,
           "text": "Sunset over the IJ", "text_entities": [{"type": "plain", "text": "Sunset over the IJ"}]
          },
          {
           "id": 48, "type": "message", "date": "2025-01-02T04:11:00", "date_unixtime": "1735787460",
           "from": "Bob", "from_id": "user222222222",
           "file": "voice_messages/audio_1@02-01-2025_04-11-00.ogg", "file_name": "audio_1@02-01-2025_04-11-00.ogg", "file_size": 8000,
           "media_type": "voice_message", "mime_type": "audio/ogg", "duration_seconds": 5,
           "text": "", "text_entities": []
          },
          {
           "id": 49, "type": "message", "date": "2025-01-02T04:12:00", "date_unixtime": "1735787520",
           "from": "Bob", "from_id": "user222222222",
           "file": "(File not included. Change data exporting settings to download.)", "file_size": 21000,
           "thumbnail": "(File not included. Change data exporting settings to download.)",
           "media_type": "sticker", "sticker_emoji": "😀", "width": 512, "height": 512,
           "text": "", "text_entities": []
          },
          {
           "id": 50, "type": "message", "date": "2025-01-02T04:13:00", "date_unixtime": "1735787580",
           "from": "Alice Liddell", "from_id": "user111111111",
           "file": "files/report.pdf", "file_name": "report.pdf", "file_size": 48213, "mime_type": "application/pdf",
           "text": "Q4 report", "text_entities": [{"type": "plain", "text": "Q4 report"}]
          },
          {
           "id": 51, "type": "message", "date": "2025-01-02T04:14:00", "date_unixtime": "1735787640",
           "from": "Alice Liddell", "from_id": "user111111111",
           "poll": {"question": "Lunch?", "closed": false, "total_voters": 2,
             "answers": [{"text": "Pizza", "voters": 1, "chosen": true}, {"text": "Sushi", "voters": 1, "chosen": false}]},
           "text": "", "text_entities": []
          },
          {
           "id": 52, "type": "message", "date": "2025-01-02T04:15:00", "date_unixtime": "1735787700",
           "from": "Bob", "from_id": "user222222222",
           "location_information": {"latitude": 52.370216, "longitude": 4.895168},
           "text": "", "text_entities": []
          },
          {
           "id": 53, "type": "message", "date": "2025-01-02T04:16:00", "date_unixtime": "1735787760",
           "from": "Bob", "from_id": "user222222222",
           "contact_information": {"first_name": "Carol", "last_name": "", "phone_number": "+31 6 12345678"},
           "text": "", "text_entities": []
          },
          {
           "id": 54, "type": "service", "date": "2025-01-02T04:17:00", "date_unixtime": "1735787820",
           "actor": "Alice Liddell", "actor_id": "user111111111", "action": "pin_message", "message_id": 42,
           "text": "", "text_entities": []
          },
          {
           "id": 55, "type": "service", "date": "2025-01-02T04:18:00", "date_unixtime": "1735787880",
           "actor": "Alice Liddell", "actor_id": "user111111111", "action": "topic_created", "title": "Releases",
           "text": "", "text_entities": []
          },
          {
           "id": 56, "type": "service", "date": "2025-01-02T04:19:00", "date_unixtime": "1735787940",
           "actor": "Alice Liddell", "actor_id": "user111111111", "action": "edit_chat_theme", "emoticon": "🎄",
           "text": "", "text_entities": []
          },
          {
           "id": 57,
           "type": "unsupported"
          }
         ]
        }
        """;

    /// <summary>"Export Telegram data": account sections Sift skips around chats and left chats.</summary>
    public const string FullExport = """
        {
         "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data.",
         "personal_information": {
          "user_id": 111111111, "first_name": "Alice", "last_name": "Liddell", "phone_number": "+31 6 00000000",
          "username": "@alice", "bio": "Curious"
         },
         "profile_pictures": [
          {"date": "2024-06-01T12:00:00", "date_unixtime": "1717236000", "photo": "profile_pictures/photo_1@01-06-2024_12-00-00.jpg"}
         ],
         "contacts": {
          "about": "If you allow access, Telegram continuously synchronizes your contacts.",
          "list": [
           {"user_id": 222222222, "first_name": "Bob", "last_name": "", "phone_number": "+31 6 11111111",
            "date": "2024-01-01T00:00:00", "date_unixtime": "1704063600"}
          ]
         },
         "frequent_contacts": {
          "about": "Telegram uses this data to suggest frequently used contacts.",
          "list": [{"id": 222222222, "category": "people", "type": "user", "name": "Bob", "rating": 1.5}]
         },
         "chats": {
          "about": "This page lists all chats from this export.",
          "list": [
           {
            "name": "Bob",
            "type": "personal_chat",
            "id": 222222222,
            "messages": [
             {
              "id": 1001, "type": "message", "date": "2025-01-02T04:04:05", "date_unixtime": "1735787045",
              "from": "Bob", "from_id": "user222222222", "text": "Hi Alice", "text_entities": [{"type": "plain", "text": "Hi Alice"}]
             },
             {
              "id": 1002, "type": "message", "date": "2025-01-02T04:05:05", "date_unixtime": "1735787105",
              "from": "Alice Liddell", "from_id": "user111111111", "reply_to_message_id": 1001,
              "text": "Hi Bob", "text_entities": [{"type": "plain", "text": "Hi Bob"}]
             }
            ]
           },
           {
            "name": "Book club",
            "type": "private_group",
            "id": 4012345678,
            "messages": [
             {
              "id": 2001, "type": "service", "date": "2025-01-01T09:00:00", "date_unixtime": "1735718400",
              "actor": "Alice Liddell", "actor_id": "user111111111", "action": "create_group", "title": "Book club",
              "members": ["Alice Liddell", "Bob"], "text": "", "text_entities": []
             },
             {
              "id": 2002, "type": "message", "date": "2025-01-01T09:01:00", "date_unixtime": "1735718460",
              "from": "Bob", "from_id": "user222222222", "text": "Chapter one tonight?",
              "text_entities": [{"type": "plain", "text": "Chapter one tonight?"}]
             }
            ]
           },
           {
            "type": "saved_messages",
            "id": 111111111,
            "messages": [
             {
              "id": 3001, "type": "message", "date": "2025-01-01T08:00:00", "date_unixtime": "1735714800",
              "from": "Alice Liddell", "from_id": "user111111111", "text": "Buy milk",
              "text_entities": [{"type": "plain", "text": "Buy milk"}]
             }
            ]
           }
          ]
         },
         "left_chats": {
          "about": "This page lists all supergroups and channels from this export that you've left.",
          "list": [
           {
            "name": "Sift news",
            "type": "public_channel",
            "id": 9876543210,
            "messages": [
             {
              "id": 321, "type": "message", "date": "2024-12-24T10:00:00", "date_unixtime": "1735030800",
              "from": "Sift news", "from_id": "channel9876543210", "author": "Alice",
              "text": "Release 1.0", "text_entities": [{"type": "plain", "text": "Release 1.0"}]
             }
            ]
           }
          ]
         },
         "other_data": {
          "about_meta": "Sift must not read this as a chat",
          "messages": [{"id": 9, "type": "message", "date_unixtime": "1", "text": "not a chat message"}],
          "nested": {"chats": {"list": [{"id": 1, "type": "personal_chat", "messages": [{"id": 1}]}]}}
         }
        }
        """;
}
