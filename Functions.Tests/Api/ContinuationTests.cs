using System.Net.Http.Json;
using System.Text.Json;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Api;

/// <summary>A continuation token works only on the list, and with the filters, that issued it.</summary>
public sealed class ContinuationTests : IAsyncLifetime
{
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public static TheoryData<string> Lists => new()
    {
        "/api/messages?limit=1",
        "/api/messages?chatId=-100&limit=1",
        "/api/chats?limit=1",
        "/api/bots?limit=1",
        "/api/sources?limit=1",
        "/api/orchestrations?limit=1",
        "/api/orchestrations?status=Failed&limit=1",
    };

    public static TheoryData<string, string> OtherFilters => new()
    {
        { "/api/messages?chatId=-100&limit=1", "/api/messages?chatId=77&limit=1" },
        { "/api/messages?chatId=-100&limit=1", "/api/messages?limit=1" },
        { "/api/messages?limit=1", "/api/messages?limit=1&since=2026-03-01T00:00:00Z" },
        { "/api/orchestrations?status=Failed&limit=1", "/api/orchestrations?status=Completed&limit=1" },
        { "/api/orchestrations?status=Failed&limit=1", "/api/orchestrations?name=other&status=Failed&limit=1" },
        { "/api/orchestrations?limit=1", "/api/orchestrations?status=Failed&limit=1" },
    };

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }) { ExtraServices = SeededOrchestrator.Register };
        await SeedAsync(app, telegram);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task TamperedTokenIs400(string url)
    {
        var token = await TokenAsync(url);
        var middle = token.Length / 2;
        var tampered = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));

        using var response = await app.Api().GetAsync($"{url}&continuation={Uri.EscapeDataString(tampered)}");

        Assert.True((await Problems.AssertAsync(response, 400)).GetProperty("errors").TryGetProperty("continuation", out _));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task TokenFromAnotherListIs400(string url)
    {
        var foreignList = url.StartsWith("/api/sources", StringComparison.Ordinal) ? "/api/bots?limit=1" : "/api/sources?limit=1";
        var foreign = await TokenAsync(foreignList);

        using var response = await app.Api().GetAsync($"{url}&continuation={Uri.EscapeDataString(foreign)}");

        await Problems.AssertAsync(response, 400);
    }

    [Theory]
    [MemberData(nameof(OtherFilters))]
    public async Task TokenWithOtherFiltersIs400(string issuedBy, string usedOn)
    {
        var token = await TokenAsync(issuedBy);

        using var response = await app.Api().GetAsync($"{usedOn}&continuation={Uri.EscapeDataString(token)}");

        await Problems.AssertAsync(response, 400);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task TheIssuingListAcceptsItsToken(string url)
    {
        var token = await TokenAsync(url);

        using var response = await app.Api().GetAsync($"{url}&continuation={Uri.EscapeDataString(token)}");

        response.EnsureSuccessStatusCode();
    }

    private async Task<string> TokenAsync(string url) =>
        (await app.Api().GetFromJsonAsync<JsonElement>(url)).GetProperty("continuation").GetString()
            ?? throw new InvalidOperationException($"{url} returned a single page.");

    /// <summary>At least two items in every list and under every filter the tests use.</summary>
    /// <returns>The tokens of the bots it registered.</returns>
    internal static async Task<IReadOnlyList<string>> SeedAsync(SiftApp app, FakeTelegram telegram)
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var messages = app.Get<MessageStore>();
        foreach (var chatId in new long[] { -100, 77 })
        {
            for (var i = 1; i <= 3; i++)
            {
                await messages.SaveAsync(Tests.Messages.SampleMessages.Text(chatId, i, start.AddMinutes(i)), default);
            }
        }

        var tokens = new List<string>();
        foreach (var botId in new[] { 7000000001L, 7000000002L })
        {
            tokens.Add(telegram.AddBot(botId, $"bot{botId}"));
            using var registered = await app.Api().PostAsJsonAsync("/api/bots", new { token = tokens[^1] });
            registered.EnsureSuccessStatusCode();
        }

        foreach (var name in new[] { "One", "Two" })
        {
            using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name, url = "https://example.com/feed.xml" });
            created.EnsureSuccessStatusCode();
        }

        var statuses = new[] { OrchestrationStatus.Failed, OrchestrationStatus.Failed, OrchestrationStatus.Completed, OrchestrationStatus.Completed };
        for (var i = 0; i < statuses.Length; i++)
        {
            await SeededOrchestrator.SeedAsync(app, i.ToString(System.Globalization.CultureInfo.InvariantCulture), statuses[i]);
        }

        return tokens;
    }
}
