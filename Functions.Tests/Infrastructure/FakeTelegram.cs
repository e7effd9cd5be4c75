using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sift.Tests.Infrastructure;

/// <summary>
/// A small Telegram Bot API on a real loopback port, speaking the wire format
/// (<c>/bot{token}/{method}</c>, <c>{"ok": ..., "result" | "error_code", "description"}</c>).
/// </summary>
public sealed class FakeTelegram : IAsyncDisposable
{
    private WebApplication app = null!;
    private readonly ConcurrentDictionary<string, (long Id, string Username)> bots = new();
    private readonly ConcurrentDictionary<string, (int Code, string Description)> failures = new();
    private readonly ConcurrentDictionary<string, List<JsonElement>> pendingUpdates = new();
    private readonly ConcurrentDictionary<string, bool> webhooks = new();
    private readonly ConcurrentDictionary<long, (int Pending, DateTimeOffset? ErrorDate, string? ErrorMessage)> webhookInfo = new();
    private readonly Dictionary<string, CancellationTokenSource> heldPolls = [];

    /// <summary>What Telegram answers a long poll that a newer getUpdates of the same bot took over.</summary>
    public const string TerminatedByOtherPoll = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<TelegramCall> Calls { get; } = new();

    public static async Task<FakeTelegram> StartAsync()
    {
        var fake = new FakeTelegram();
        (fake.app, fake.BaseUrl) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", fake.HandleAsync));
        return fake;
    }

    /// <summary>Makes Telegram know a bot; returns its token.</summary>
    public string AddBot(long id, string username)
    {
        // Real tokens: the bot id, a colon and 35 url-safe characters.
        var token = $"{id}:AA{Convert.ToBase64String([.. Guid.NewGuid().ToByteArray(), .. Guid.NewGuid().ToByteArray()]).Replace('+', '-').Replace('/', '_')[..33]}";
        bots[token] = (id, username);
        return token;
    }

    /// <summary>Every call of <paramref name="method"/> fails with this Bot API error until <see cref="Heal"/>.</summary>
    public void Fail(string method, int errorCode, string description) => failures[method] = (errorCode, description);

    public void Heal(string method) => failures.TryRemove(method, out _);

    public IEnumerable<TelegramCall> CallsOf(string method) => Calls.Where(c => c.Method == method);

    /// <summary>How long getUpdates holds its answer (a long poll with nothing new).</summary>
    public TimeSpan GetUpdatesDelay { get; set; }

    /// <summary>Queues updates for getUpdates, as Telegram keeps them until an offset confirms them.</summary>
    public void AddUpdates(string token, IEnumerable<string> updates)
    {
        var list = pendingUpdates.GetOrAdd(token, _ => []);
        lock (list)
        {
            list.AddRange(updates.Select(u => JsonDocument.Parse(u).RootElement.Clone()));
        }
    }

    /// <summary>Makes Telegram hold a webhook for the bot, as if set elsewhere.</summary>
    public void SetWebhook(string token) => webhooks[token] = true;

    /// <summary>What getWebhookInfo reports for the bot from now on (until set: nothing pending, no error).</summary>
    public void SetWebhookInfo(long botId, int pendingUpdateCount, DateTimeOffset? lastErrorDate = null, string? lastErrorMessage = null) =>
        webhookInfo[botId] = (pendingUpdateCount, lastErrorDate, lastErrorMessage);

    /// <summary>Forgets a bot's token, as when it is revoked at @BotFather: every call with it answers 401.</summary>
    public void Revoke(long botId)
    {
        foreach (var token in bots.Where(b => b.Value.Id == botId).Select(b => b.Key))
        {
            bots.TryRemove(token, out _);
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var slash = path.LastIndexOf('/');
        var token = path[1..slash].StartsWith("bot", StringComparison.Ordinal) ? path[4..slash] : "";
        var method = path[(slash + 1)..];
        JsonElement? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
        }

        Calls.Enqueue(new TelegramCall(method, token, body));
        if (failures.TryGetValue(method, out var failure))
        {
            await Error(context, failure.Code, failure.Description);
        }
        else if (!bots.TryGetValue(token, out var bot))
        {
            await Error(context, 401, "Unauthorized");
        }
        else
        {
            if (method == "setWebhook")
            {
                webhooks[token] = true;
            }
            else if (method == "deleteWebhook")
            {
                webhooks.TryRemove(token, out _);
            }
            else if (method == "getUpdates" && webhooks.ContainsKey(token))
            {
                await Error(context, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                return;
            }

            object? result = method switch
            {
                "getMe" => new Dictionary<string, object> { ["id"] = bot.Id, ["is_bot"] = true, ["first_name"] = "Test " + bot.Username, ["username"] = bot.Username, ["can_join_groups"] = true },
                "getUpdates" => await GetUpdatesAsync(token, body!.Value),
                "getWebhookInfo" => WebhookInfo(token, bot.Id),
                _ => true,
            };
            if (result is null)
            {
                await Error(context, 409, TerminatedByOtherPoll);
                return;
            }

            await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["ok"] = true, ["result"] = result });
        }
    }

    private Dictionary<string, object> WebhookInfo(string token, long botId)
    {
        var (pending, errorDate, errorMessage) = webhookInfo.GetValueOrDefault(botId);
        var info = new Dictionary<string, object> { ["url"] = webhooks.ContainsKey(token) ? "https://sift.example.com/hook" : "", ["pending_update_count"] = pending };
        if (errorDate is { } date)
        {
            info["last_error_date"] = date.ToUnixTimeSeconds();
            info["last_error_message"] = errorMessage ?? "";
        }

        return info;
    }

    /// <summary>
    /// getUpdates: an offset confirms (drops) every earlier update; then up to limit updates from it.
    /// As Telegram does, a newer call of the same bot ends a long poll still being held (null: answer 409).
    /// </summary>
    private async Task<object?> GetUpdatesAsync(string token, JsonElement request)
    {
        using var poll = new CancellationTokenSource();
        lock (heldPolls)
        {
            if (heldPolls.TryGetValue(token, out var older))
            {
                older.Cancel();
            }

            heldPolls[token] = poll;
        }

        try
        {
            return await ReadUpdatesAsync(token, request, poll.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            lock (heldPolls)
            {
                if (heldPolls.GetValueOrDefault(token) == poll)
                {
                    heldPolls.Remove(token);
                }
            }
        }
    }

    private async Task<object> ReadUpdatesAsync(string token, JsonElement request, CancellationToken takenOver)
    {
        var list = pendingUpdates.GetOrAdd(token, _ => []);
        List<JsonElement> batch;
        lock (list)
        {
            if (request.TryGetProperty("offset", out var offset))
            {
                list.RemoveAll(u => u.GetProperty("update_id").GetInt64() < offset.GetInt64());
            }

            var limit = request.TryGetProperty("limit", out var l) ? l.GetInt32() : 100;
            batch = list.Take(limit).ToList();
        }

        if (batch.Count == 0 && GetUpdatesDelay > TimeSpan.Zero)
        {
            await Task.Delay(GetUpdatesDelay, takenOver);
        }

        return batch;
    }

    private static Task Error(HttpContext context, int code, string description)
    {
        context.Response.StatusCode = code;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["ok"] = false, ["error_code"] = code, ["description"] = description });
    }
}

public sealed record TelegramCall(string Method, string Token, JsonElement? Body);
