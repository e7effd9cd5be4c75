using System.Net.Http.Json;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>
/// Every request in <see cref="HostileRequests"/> gets a 4xx problem+json with a detail, changes
/// nothing a client can list, and shows no secret or stack trace in the answer or in the logs.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fixture) : IClassFixture<HostileInputTests.Fixture>
{
    /// <summary>The one title each status has, whoever wrote the problem (a handler, binding, routing, authentication).</summary>
    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Invalid request", [401] = "Unauthorized", [403] = "Forbidden", [404] = "Not found", [405] = "Method not allowed",
        [409] = "Conflict", [413] = "Payload too large", [415] = "Unsupported media type",
    };

    public static TheoryData<string> Cases => [.. HostileRequests.All.Select(c => c.Name)];

    [Fact]
    public void TheCatalogueIsLargeAndNamesAreUnique()
    {
        Assert.True(HostileRequests.All.Count >= 150, $"{HostileRequests.All.Count} cases");
        Assert.Equal(HostileRequests.All.Count, HostileRequests.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequestIsRefusedAndChangesNothing(string name)
    {
        var hostile = HostileRequests.All.Single(c => c.Name == name);
        var before = await fixture.SnapshotAsync();
        var logged = fixture.App.Logs.Count;

        using var response = await fixture.SendAsync(hostile);

        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(hostile.Status is { } expected ? status == expected : status is >= 400 and < 500, $"{status}: {text}");
        var problem = await Problems.AssertAsync(response, status);
        Assert.Equal(Titles[status], problem.GetProperty("title").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.True(text.Length < 4096, $"{text.Length} characters answered");
        Assert.NotNull(problem.GetProperty("detail").GetString());
        var logs = fixture.App.Logs.Skip(logged).ToList();
        foreach (var secret in fixture.Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(logs, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private static readonly string[] Listings =
            [
                "/api/messages?limit=200", "/api/chats?limit=200", "/api/bots?limit=200", "/api/sources?limit=200", "/api/orchestrations?limit=200",
                "/api/keys?limit=200", $"/api/queues/{TelegramUpdateMessage.Queue}/poison?limit=200",
            ];

        private FakeTelegram telegram = null!;
        private readonly Dictionary<string, string> placeholders = [];
        private readonly Dictionary<string, string> keys = [];

        public SiftApp App { get; private set; } = null!;

        public List<string> Secrets { get; } = [SiftApp.AdminKey];

        public async Task InitializeAsync()
        {
            telegram = await FakeTelegram.StartAsync();
            // Hundreds of requests with one key: the budget is RateLimitTests' subject, not this suite's.
            App = new SiftApp(telegram, settings: new Dictionary<string, string?>
            {
                ["Triggers:Enabled"] = "false",
                ["Ingestion:MaxUploadBytes"] = "2048",
                ["RateLimits:RequestsPerMinute"] = "100000",
                ["RateLimits:WorkRequestsPerMinute"] = "100000",
                ["RateLimits:FailedAuthenticationsPerMinute"] = "100000",
            })
            {
                ExtraServices = Orchestration.SeededOrchestrator.Register,
            };
            Secrets.AddRange(await ContinuationTests.SeedAsync(App, telegram));
            Secrets.Add(App.WebhookSecret(7000000001));
            var sources = await App.Api().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/sources");
            placeholders["{feed}"] = sources.GetProperty("items")[0].GetProperty("id").GetString()!;
            using var export = await App.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
            placeholders["{export}"] = (await export.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
            placeholders["{bot}"] = "7000000001";
            placeholders["{ended}"] = "seeded-0";
            placeholders["{token}"] = (await App.Api().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/orchestrations?status=Failed&limit=1"))
                .GetProperty("continuation").GetString()!;
            foreach (var role in new[] { "reader", "operator" })
            {
                using var created = await App.Api().PostAsJsonAsync("/api/keys", new { name = role, role });
                var key = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                keys[role] = key.GetProperty("key").GetString()!;
                placeholders[$"{{{role}-key-id}}"] = key.GetProperty("id").GetString()!;
                Secrets.Add(keys[role]);
            }

            // A message that failed for good, for the poison-queue routes to be refused on.
            await App.Get<IQueueClient>().SendAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), """{"botId": 1}""", null, default);
            var poison = await App.Api().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/queues/{TelegramUpdateMessage.Queue}/poison");
            placeholders["{poison}"] = poison.GetProperty("items")[0].GetProperty("id").GetString()!;
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await telegram.DisposeAsync();
        }

        public async Task<HttpResponseMessage> SendAsync(HostileRequest hostile)
        {
            var client = hostile.Key == "admin" ? App.Api() : App.CreateClient();
            if (hostile.Key == "wrong")
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", "wrong-" + SiftApp.AdminKey);
            }
            else if (keys.TryGetValue(hostile.Key, out var key))
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }

            using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), Fill(hostile.Url));
            if (hostile.Body is not null)
            {
                request.Content = new StringContent(Fill(hostile.Body));
                request.Content.Headers.Remove("Content-Type");
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }

            if (hostile.Secret is { } secret)
            {
                request.Headers.Add(TelegramWebhook.SecretHeader, secret == "good" ? App.WebhookSecret(7000000001) : "wrong-secret");
            }

            return await client.SendAsync(request);
        }

        /// <summary>What a client can see of the state: every listing and the queues' lengths.</summary>
        public async Task<string> SnapshotAsync()
        {
            var parts = new List<string>();
            foreach (var listing in Listings)
            {
                parts.Add(await App.Api().GetStringAsync(listing));
            }

            var queues = App.Get<IQueueClient>();
            foreach (var queue in new[] { TelegramUpdateMessage.Queue, QueueNames.Poison(TelegramUpdateMessage.Queue) })
            {
                parts.Add($"{queue}={await queues.CountAsync(queue, default)}");
            }

            return string.Join('\n', parts);
        }

        private string Fill(string text) =>
            placeholders.Aggregate(text, (filled, placeholder) => filled.Replace(placeholder.Key, placeholder.Value, StringComparison.Ordinal));
    }
}
