using System.Text;
using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using static Sift.Tests.Ingestion.TelegramExport.TelegramExportSamples;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>Reading exports as a stream; mapping their messages is in <see cref="TelegramExportMappingTests"/>.</summary>
public class TelegramExportTests
{
    private static readonly long[] FullExportIds = [1001, 1002, 2001, 2002, 3001, 321];

    [Fact]
    public async Task SingleChatExportYieldsEveryMessageWithItsChat()
    {
        var messages = await ReadAllAsync(SingleChat);

        Assert.Equal(Enumerable.Range(40, 18).Select(id => (long)id), messages.Select(m => m.Message.GetProperty("id").GetInt64()));
        Assert.All(messages, m => Assert.Equal(Supergroup, m.Chat));
        Assert.Equal(Enumerable.Range(0, 18).Select(i => (long)i), messages.Select(m => m.Index));
    }

    [Fact]
    public async Task FullExportYieldsChatsThenLeftChatsInFileOrder()
    {
        var messages = await ReadAllAsync(FullExport);

        Assert.Equal(FullExportIds, messages.Select(m => m.Message.GetProperty("id").GetInt64()));
        Assert.Equal(
            [
                new ExportChat(222222222, "personal_chat", "Bob"), new ExportChat(222222222, "personal_chat", "Bob"),
                new ExportChat(4012345678, "private_group", "Book club"), new ExportChat(4012345678, "private_group", "Book club"),
                new ExportChat(111111111, "saved_messages", null), new ExportChat(9876543210, "public_channel", "Sift news"),
            ],
            messages.Select(m => m.Chat));
    }

    [Fact]
    public async Task IndexCountsMessagesAcrossChats() =>
        Assert.Equal([0L, 1, 2, 3, 4, 5], (await ReadAllAsync(FullExport)).Select(m => m.Index));

    [Fact]
    public async Task UnknownTopLevelSectionsAreSkippedEvenWhenTheyHoldMessages()
    {
        var messages = await ReadAllAsync(FullExport);

        Assert.DoesNotContain(messages, m => m.Message.GetProperty("id").GetInt64() is 9 or 1);
    }

    [Theory]
    [InlineData(nameof(SingleChat))]
    [InlineData(nameof(FullExport))]
    public async Task ResumingAfterAnyMessageReadsExactlyTheRestWithoutTheBytesBefore(string sample)
    {
        var json = sample == nameof(SingleChat) ? SingleChat : FullExport;
        var all = await ReadAllAsync(json);

        for (var skip = 0; skip <= all.Count; skip++)
        {
            var resumed = await ResumeAfterAsync(json, skip);

            Assert.Equal(all.Skip(skip).Select(m => (m.Index, m.Chat, m.Message.GetRawText(), m.Next)),
                resumed.Select(m => (m.Index, m.Chat, m.Message.GetRawText(), m.Next)));
        }
    }

    [Fact]
    public async Task CountingChecksTheWholeExportAndCountsEveryChatsMessages()
    {
        Assert.Equal((await ReadAllAsync(FullExport)).Count, await TelegramExportReader.CountAsync(Utf8(FullExport), CancellationToken.None));
        await Assert.ThrowsAsync<TelegramExportException>(() => TelegramExportReader.CountAsync(Utf8("""{"hello": "world"}"""), CancellationToken.None));
    }

    [Fact]
    public async Task MessageLargerThanTheInitialBufferIsReadWhole()
    {
        var text = new string('a', 200 * 1024) + "😀";
        var json = SingleChatWith(Message($$""" "text": "{{text}}" """, id: 1), Message(""" "text": "after" """, id: 2));

        var messages = await ReadAllAsync(json);

        Assert.Equal([text, "after"], messages.Select(m => m.Message.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task MessageLargerThan16MiBIsRejected()
    {
        var json = SingleChatWith(Message($$""" "text": "{{new string('a', TelegramExportJsonCursor.MaxValueBytes)}}" """));

        var error = await Assert.ThrowsAsync<TelegramExportException>(() => ReadAllAsync(json));

        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionLargerThan16MiBIsSkippedInPasses()
    {
        var contacts = new StringBuilder("""{"contacts": {"list": [""");
        var contact = """{"user_id": 222222222, "first_name": "Bob", "last_name": "", "phone_number": "+31 6 11111111"},""";
        while (contacts.Length <= TelegramExportJsonCursor.MaxValueBytes + 1024)
            contacts.Append(contact);
        contacts.Append("""{}]}, "chats": {"list": [{"name": "Bob", "type": "personal_chat", "id": 222222222, "messages": [""")
            .Append(Message(""" "text": "Hi" """)).Append("]}]}}");

        var messages = await ReadAllAsync(contacts.ToString());

        Assert.Equal("Hi", Assert.Single(messages).Message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task StreamThatDeliversOneBytePerReadIsReadWhole()
    {
        var expected = await ReadAllAsync(FullExport);

        var messages = await ReadAllAsync(new OneBytePerReadStream(Encoding.UTF8.GetBytes(FullExport)));

        Assert.Equal(expected.Select(m => m.Message.GetRawText()), messages.Select(m => m.Message.GetRawText()));
    }

    [Theory]
    [InlineData(nameof(SingleChat))]
    [InlineData(nameof(FullExport))]
    public async Task TinyBufferIsRefilledAtEveryTokenAndGrowsToFitEachMessage(string sample)
    {
        var json = sample == nameof(SingleChat) ? SingleChat : FullExport;
        var expected = await ReadAllAsync(json);
        using var cursor = new TelegramExportJsonCursor(Utf8(json), initialBufferBytes: 16);

        var messages = new List<ExportedMessage>();
        await foreach (var message in TelegramExportReader.ReadAsync(cursor, null, CancellationToken.None))
            messages.Add(message);

        Assert.Equal(expected.Select(m => (m.Index, m.Message.GetRawText())), messages.Select(m => (m.Index, m.Message.GetRawText())));
    }

    [Theory]
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": [{"id": 1,""")] // truncated
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": [{"id": 1}, ]}""")] // trailing comma
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": [{"id": 1 "type": "message"}]}""")]
    [InlineData("""{"about": "x", "contacts": {"list": [{"user_id": 1,}]}, "chats": {"list": []}}""")] // inside a skipped section
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": []} trailing""")]
    [InlineData("")]
    public async Task MalformedJsonFailsWithItsBytePosition(string json)
    {
        var error = await Assert.ThrowsAsync<TelegramExportException>(() => ReadAllAsync(json));

        Assert.Contains("byte", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"id": 1}]""")]
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1}""")]
    [InlineData("""{"about": "x", "contacts": {"list": []}}""")]
    [InlineData("""{"chats": {"about": "x"}}""")]
    [InlineData("""{"chats": {"list": [{"name": "Bob", "type": "personal_chat", "id": 2}]}}""")]
    [InlineData("""{"name": "Sift devs", "messages": []}""")]
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": {"id": 1}}""")]
    public async Task ExportWithoutMessagesArrayIsRejected(string json) =>
        await Assert.ThrowsAsync<TelegramExportException>(() => ReadAllAsync(json));

    [Fact]
    public async Task CancellationStopsReading()
    {
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in TelegramExportReader.ReadAsync(Utf8(SingleChat), null, cancellation.Token))
            {
                if (++read == 2)
                    await cancellation.CancelAsync();
            }
        });
        Assert.Equal(2, read);
    }

    private static string SingleChatWith(params string[] messages) =>
        $$"""{"name": "Sift devs", "type": "public_supergroup", "id": 1234567890, "messages": [{{string.Join(",\n", messages)}}]}""";

    private sealed class OneBytePerReadStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
