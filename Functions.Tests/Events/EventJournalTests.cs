using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Sift.Events;
using Sift.Messages;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;

namespace Sift.Tests.Events;

/// <summary>The journal the streams read: shared by every instance through the store, and purged when old.</summary>
public sealed class EventJournalTests(CosmosEmulator cosmos) : IClassFixture<CosmosEmulator>
{
    [Fact]
    public async Task AMessageStoredOnOneInstanceReachesAStreamOnAnother()
    {
        var shared = new Dictionary<string, string?>
        {
            ["CosmosDb"] = cosmos.ConnectionString,
            ["CosmosDb:database"] = $"events{Guid.NewGuid():N}",
            ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var writer = new SiftApp(settings: shared);
        await using var reader = new SiftApp(settings: shared);
        await using var stream = await LiveStream.OpenAsync(reader.Api(), "/api/events?chatId=4");

        await writer.Get<MessageStore>().SaveAsync(Conversation.Message(4, 40, "dana", null, "Written by the other instance"), default);

        await stream.NextAsync(e => LiveStream.Is(e, "message.stored", 40), "the other instance's message");
    }

    [Fact]
    public async Task MaintenanceDeletesEventsOlderThanADayAndKeepsNewerOnes()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-01T08:00:00Z", CultureInfo.InvariantCulture));
        await using var app = new SiftApp { ExtraServices = services => services.AddSingleton<TimeProvider>(clock) };
        var messages = app.Get<MessageStore>();
        await SaveAnalyzedAsync(messages, 50, "Old news");
        clock.Advance(TimeSpan.FromHours(20));
        await SaveAnalyzedAsync(messages, 51, "Fresh news");
        clock.Advance(TimeSpan.FromHours(5));

        var purged = await app.Get<EventJournal>().PurgeAsync(default);

        Assert.Equal(2, purged);
        var left = await app.Get<EventJournal>().ReadAsync(new ChatKey(5, null), DateTimeOffset.UnixEpoch, 10, null, default);
        Assert.Equal([("message.analyzed", 51L), ("message.stored", 51L)], left.Items.Select(e => (e.Event.Type, e.Event.MessageId!.Value)).Order());
    }

    /// <summary>Saves a message and waits for its analysis, so both its events are stamped before the clock moves.</summary>
    private static async Task SaveAnalyzedAsync(MessageStore messages, long id, string text)
    {
        await messages.SaveAsync(Conversation.Message(5, id, "erin", null, text), default);
        await Eventually.ReturnsAsync(() => messages.FindAsync(new ChatKey(5, null), id, default), m => m?.Analysis is not null, $"message {id} analysed");
    }
}
