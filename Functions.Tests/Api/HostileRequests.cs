namespace Sift.Tests.Api;

/// <summary>
/// One hostile request. Placeholders in <see cref="Url"/> and <see cref="Body"/>: {feed} and
/// {export} (source ids), {bot} (a registered bot id), {ended} (an ended orchestration),
/// {token} (a continuation issued by another list), {reader-key-id} and {operator-key-id} (API key ids),
/// {poison} (a message in telegram-updates-poison). <see cref="Key"/>: "admin", "operator", "reader", "none" or "wrong";
/// <see cref="Secret"/>: the webhook secret header ("good", "wrong", or none).
/// </summary>
public sealed record HostileRequest(string Name, string Method, string Url, string? Body = null, string ContentType = "application/json",
    string Key = "admin", string? Secret = null, int? Status = null);

/// <summary>The hostile-input catalogue. Add rows for new routes here: the suite runs every one.</summary>
internal static class HostileRequests
{
    private static readonly string Huge = new('x', 100_000);

    private static readonly (string Name, string Body)[] BadJson =
    [
        ("malformed", "{\"name\": "),
        ("not-json", "name=x"),
        ("array", "[1, 2, 3]"),
        ("null", "null"),
        ("string", "\"text\""),
        ("number", "42"),
        ("trailing-garbage", "{} {}"),
        ("deep-nesting", new string('[', 5000) + new string(']', 5000)),
        ("invalid-utf8-escape", "{\"name\": \"\\uZZZZ\"}"),
        ("comment", "{/* hi */ \"name\": \"x\"}"),
    ];

    private static readonly string[] BadQueries =
    [
        "limit=0", "limit=-1", "limit=201", "limit=99999999999999999999", "limit=abc", "limit=1.5", "continuation=garbage",
        "continuation=%7B%7D", "continuation={token}", "continuation=" + new string('A', 5000),
    ];

    private static readonly string[] Lists =
        ["/api/messages", "/api/chats", "/api/bots", "/api/sources", "/api/orchestrations", "/api/keys", "/api/queues/telegram-updates/poison"];

    public static IReadOnlyList<HostileRequest> All { get; } = [.. Build()];

    private static IEnumerable<HostileRequest> Build()
    {
        foreach (var list in Lists)
        {
            foreach (var query in BadQueries)
            {
                yield return new($"query {list}?{query[..Math.Min(query.Length, 30)]}", "GET", $"{list}?{query}");
            }

            yield return new($"no key {list}", "GET", list, Key: "none", Status: 401);
            yield return new($"wrong key {list}", "GET", list, Key: "wrong", Status: 401);
        }

        foreach (var query in new[]
        {
            "chatId=abc", "chatId=1e5", "chatId=99999999999999999999", "since=yesterday", "since=2026-13-45", "until=" + Huge[..5000],
            "since=1700000000", "chatId=-100&until=not-a-date",
        })
        {
            yield return new($"messages ?{query[..Math.Min(query.Length, 30)]}", "GET", $"/api/messages?{query}");
        }

        foreach (var status in new[] { "1", "Completed,Failed", "done", "", "Complete", "failed ", "%00", "<script>", Huge[..3000] })
        {
            yield return new($"orchestrations ?status={status[..Math.Min(status.Length, 20)]}", "GET", $"/api/orchestrations?status={Uri.EscapeDataString(status)}");
        }

        foreach (var (name, body) in BadJson)
        {
            yield return new($"create source {name}", "POST", "/api/sources", body);
            yield return new($"change source {name}", "PATCH", "/api/sources/{feed}", body);
            yield return new($"register bot {name}", "POST", "/api/bots", body);
            yield return new($"terminate {name}", "POST", "/api/orchestrations/{ended}/terminate", body);
        }

        foreach (var (name, body) in new[]
        {
            ("duplicate type", """{"type": "feed", "type": "telegram-export", "name": "x", "url": "https://example.com/f"}"""),
            ("interval as string", """{"type": "feed", "name": "x", "url": "https://example.com/f", "intervalMinutes": "5"}"""),
            ("enabled as string", """{"type": "feed", "name": "x", "url": "https://example.com/f", "enabled": "false"}"""),
            ("unknown field", """{"type": "feed", "name": "x", "url": "https://example.com/f", "admin": true}"""),
            ("bad type", """{"type": "rss", "name": "x", "url": "https://example.com/f"}"""),
            ("numeric type", """{"type": 1, "name": "x"}"""),
            ("missing name", """{"type": "feed", "url": "https://example.com/f"}"""),
            ("huge name", $$"""{"type": "feed", "name": "{{Huge}}", "url": "https://example.com/f"}"""),
            ("file url", """{"type": "feed", "name": "x", "url": "file:///etc/passwd"}"""),
            ("relative url", """{"type": "feed", "name": "x", "url": "../../etc/passwd"}"""),
            ("interval zero", """{"type": "feed", "name": "x", "url": "https://example.com/f", "intervalMinutes": 0}"""),
            ("interval huge", """{"type": "feed", "name": "x", "url": "https://example.com/f", "intervalMinutes": 99999999999}"""),
            ("interval fraction", """{"type": "feed", "name": "x", "url": "https://example.com/f", "intervalMinutes": 1.5}"""),
            ("unknown bot", """{"type": "telegram-polling", "name": "x", "botId": 1}"""),
            ("bot id as string", """{"type": "telegram-polling", "name": "x", "botId": "{bot}"}"""),
            ("empty object", "{}"),
        })
        {
            yield return new($"create source {name}", "POST", "/api/sources", body);
        }

        foreach (var (name, body) in new[]
        {
            ("immutable type", """{"type": "telegram-export"}"""),
            ("immutable chatId", """{"chatId": 1}"""),
            ("immutable botId", """{"botId": 1}"""),
            ("unknown field", """{"foo": 1}"""),
            ("duplicate name", """{"name": "a", "name": "b"}"""),
            ("interval as string", """{"intervalMinutes": "5"}"""),
            ("enabled as number", """{"enabled": 0}"""),
            ("empty name", """{"name": ""}"""),
            ("huge name", $$"""{"name": "{{Huge}}"}"""),
            ("bad url", """{"url": "not a url"}"""),
            ("interval negative", """{"intervalMinutes": -5}"""),
        })
        {
            yield return new($"change source {name}", "PATCH", "/api/sources/{feed}", body);
        }

        foreach (var (name, body) in new[]
        {
            ("duplicate token", """{"token": "bad", "token": "7000000001:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"""),
            ("token as number", """{"token": 7000000001}"""),
            ("malformed token", """{"token": "not-a-token"}"""),
            ("huge token", $$"""{"token": "{{Huge}}"}"""),
            ("unknown field", """{"token": "x", "webhook": "https://evil.example.com"}"""),
            ("empty object", "{}"),
        })
        {
            yield return new($"register bot {name}", "POST", "/api/bots", body);
        }

        foreach (var (name, body) in new[]
        {
            ("reason too long", $$"""{"reason": "{{new string('r', 501)}}"}"""),
            ("reason as number", """{"reason": 5}"""),
            ("unknown field", """{"reason": "x", "force": true}"""),
        })
        {
            yield return new($"terminate {name}", "POST", "/api/orchestrations/{ended}/terminate", body);
        }

        yield return new("terminate an ended instance", "POST", "/api/orchestrations/{ended}/terminate", "{}", Status: 409);

        foreach (var id in new[] { "nope", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "a%09b", new string('i', 2000), "%F0%9F%92%A9", "ingest-nope" })
        {
            var label = id[..Math.Min(id.Length, 20)];
            yield return new($"get source {label}", "GET", $"/api/sources/{id}");
            yield return new($"change source {label}", "PATCH", $"/api/sources/{id}", """{"name": "x"}""");
            yield return new($"delete source {label}", "DELETE", $"/api/sources/{id}");
            yield return new($"run source {label}", "POST", $"/api/sources/{id}/run");
            yield return new($"upload to source {label}", "POST", $"/api/sources/{id}/upload", "{}");
            yield return new($"get orchestration {label}", "GET", $"/api/orchestrations/{id}");
            yield return new($"purge orchestration {label}", "DELETE", $"/api/orchestrations/{id}");
            yield return new($"terminate orchestration {label}", "POST", $"/api/orchestrations/{id}/terminate", "{}");
        }

        foreach (var id in new[] { "1", "abc", "99999999999999999999", "-1", "..%2F1" })
        {
            yield return new($"get bot {id}", "GET", $"/api/bots/{id}");
            yield return new($"delete bot {id}", "DELETE", $"/api/bots/{id}");
            yield return new($"get message {id}", "GET", $"/api/messages/{id}/{id}");
        }

        foreach (var (name, method, route, body) in new[]
        {
            ("source name with ESC", "POST", "/api/sources", "{\"type\": \"feed\", \"name\": \"a\\u001b[31mb\", \"url\": \"https://example.com/f\"}"),
            ("source name with CR LF", "PATCH", "/api/sources/{feed}", "{\"name\": \"a\\r\\nINFO forged\"}"),
            ("source url with NUL", "PATCH", "/api/sources/{feed}", "{\"url\": \"https://example.com/f\\u0000\"}"),
            ("bot token with LF", "POST", "/api/bots", "{\"token\": \"7000000001:AAAA\\nAAAA\"}"),
            ("terminate reason with NUL", "POST", "/api/orchestrations/{ended}/terminate", "{\"reason\": \"a\\u0000b\"}"),
            ("terminate reason with a line separator", "POST", "/api/orchestrations/{ended}/terminate", "{\"reason\": \"a\\u2028b\"}"),
            ("analysis run until the first day", "POST", "/api/analysis-runs", "{\"chatId\": 1, \"until\": \"0001-01-01T00:00:00Z\"}"),
            ("analysis run since the first day", "POST", "/api/analysis-runs", "{\"chatId\": 1, \"since\": \"0001-01-01T00:00:00Z\", \"until\": \"9999-12-31T23:59:59Z\"}"),
            ("reanalyze since the first day", "POST", "/api/messages/reanalyze", "{\"since\": \"0001-01-01T00:00:00Z\"}"),
            ("reanalyze until the last day", "POST", "/api/messages/reanalyze", "{\"until\": \"9999-12-31T23:59:59.9999999Z\"}"),
            ("digest of the last day", "GET", "/api/chats/1/digest?date=9999-12-31", null),
            ("digest of the first day", "GET", "/api/chats/1/digest?date=0001-01-01", null),
        })
        {
            yield return new(name, method, route, body, Status: 400);
        }

        yield return new("upload to a feed source", "POST", "/api/sources/{feed}/upload", "{}");
        yield return new("upload over the limit", "POST", "/api/sources/{export}/upload", Huge, Status: 413);

        foreach (var (route, method) in new[] { ("/api/sources", "POST"), ("/api/sources/{feed}", "PATCH"), ("/api/bots", "POST"), ("/api/orchestrations/{ended}/terminate", "POST") })
        {
            foreach (var contentType in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded" })
            {
                yield return new($"{method} {route} as {contentType.Split(';')[0]}", method, route, "{}", contentType, Status: 415);
            }
        }

        foreach (var (method, route) in new[]
        {
            ("PUT", "/api/sources"), ("DELETE", "/api/sources"), ("PUT", "/api/sources/{feed}"), ("POST", "/api/sources/{feed}"), ("GET", "/api/sources/{feed}/run"),
            ("PUT", "/api/bots"), ("PATCH", "/api/bots/{bot}"), ("POST", "/api/messages"), ("DELETE", "/api/chats"), ("PUT", "/api/orchestrations/{ended}"),
            ("GET", "/api/orchestrations/{ended}/terminate"), ("GET", "/api/telegram/webhook/{bot}"),
        })
        {
            yield return new($"{method} {route}", method, route, Status: 405);
        }

        foreach (var route in new[] { "/api/nothing", "/api/sources/{feed}/nothing", "/api/../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/messages/1/2/3" })
        {
            yield return new($"unknown route {route}", "GET", route, Status: 404);
        }

        foreach (var hostile in Keys().Concat(Queues()).Concat(Roles()))
        {
            yield return hostile;
        }

        yield return new("webhook of an unknown bot", "POST", "/api/telegram/webhook/1", """{"update_id": 1}""", Secret: "good", Status: 401);
        yield return new("webhook with a bad bot id", "POST", "/api/telegram/webhook/..%2F..", """{"update_id": 1}""", Key: "none", Status: 401);
        yield return new("webhook without a secret", "POST", "/api/telegram/webhook/{bot}", """{"update_id": 1}""", Key: "none", Status: 401);
        yield return new("webhook with a wrong secret", "POST", "/api/telegram/webhook/{bot}", """{"update_id": 1}""", Key: "none", Secret: "wrong", Status: 401);
        foreach (var (name, body) in BadJson.Append(("no update_id", """{"message": {}}""")).Append(("update_id as string", """{"update_id": "1"}""")))
        {
            yield return new($"webhook {name}", "POST", "/api/telegram/webhook/{bot}", body, Key: "none", Secret: "good");
        }

        yield return new("webhook over 1 MiB", "POST", "/api/telegram/webhook/{bot}", $$"""{"update_id": 1, "x": "{{new string('x', 1024 * 1024)}}"}""",
            Key: "none", Secret: "good", Status: 413);
    }

    private static IEnumerable<HostileRequest> Keys()
    {
        foreach (var (name, body) in BadJson)
        {
            yield return new($"create key {name}", "POST", "/api/keys", body);
        }

        foreach (var (name, body) in new[]
        {
            ("duplicate role", """{"name": "x", "role": "reader", "role": "admin"}"""),
            ("unknown role", """{"name": "x", "role": "root"}"""),
            ("role in capitals", """{"name": "x", "role": "ADMIN"}"""),
            ("role as number", """{"name": "x", "role": 2}"""),
            ("missing role", """{"name": "x"}"""),
            ("missing name", """{"role": "reader"}"""),
            ("empty name", """{"name": "   ", "role": "reader"}"""),
            ("huge name", $$"""{"name": "{{Huge}}", "role": "reader"}"""),
            ("name as number", """{"name": 5, "role": "reader"}"""),
            ("chosen key", """{"name": "x", "role": "admin", "key": "sk_my-own-key"}"""),
            ("empty object", "{}"),
        })
        {
            yield return new($"create key {name}", "POST", "/api/keys", body);
        }

        foreach (var id in new[] { "nope", "..%2F..%2Fetc", new string('k', 2000), "%20" })
        {
            yield return new($"revoke key {id[..Math.Min(id.Length, 20)]}", "DELETE", $"/api/keys/{id}");
        }

        yield return new("POST /api/keys as text/plain", "POST", "/api/keys", """{"name": "x", "role": "reader"}""", "text/plain", Status: 415);
        yield return new("PUT /api/keys", "PUT", "/api/keys", Status: 405);
        yield return new("GET /api/keys/{reader-key-id}", "GET", "/api/keys/{reader-key-id}", Status: 405);
    }

    private static IEnumerable<HostileRequest> Queues()
    {
        foreach (var queue in new[] { "nope", "telegram-updates-poison", "..%2F..", new string('q', 500) })
        {
            var label = queue[..Math.Min(queue.Length, 24)];
            yield return new($"poison of queue {label}", "GET", $"/api/queues/{queue}/poison", Status: 404);
            yield return new($"requeue from queue {label}", "POST", $"/api/queues/{queue}/poison/{{poison}}/requeue", Status: 404);
            yield return new($"delete from queue {label}", "DELETE", $"/api/queues/{queue}/poison/{{poison}}", Status: 404);
        }

        foreach (var id in new[] { "999999", "abc", "-1", "1.5", new string('9', 40) })
        {
            yield return new($"requeue message {id[..Math.Min(id.Length, 20)]}", "POST", $"/api/queues/telegram-updates/poison/{id}/requeue");
            yield return new($"delete message {id[..Math.Min(id.Length, 20)]}", "DELETE", $"/api/queues/telegram-updates/poison/{id}");
        }

        yield return new("PATCH /api/queues", "PATCH", "/api/queues", Status: 405);
        yield return new("no key /api/queues", "GET", "/api/queues", Key: "none", Status: 401);
    }

    /// <summary>Each role is refused what only a higher one may do (reader &lt; operator &lt; admin), and nothing changes.</summary>
    private static IEnumerable<HostileRequest> Roles()
    {
        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("POST", "/api/sources", """{"type": "feed", "name": "x", "url": "https://example.com/f"}"""),
            ("PATCH", "/api/sources/{feed}", """{"name": "renamed"}"""),
            ("DELETE", "/api/sources/{feed}", null),
            ("POST", "/api/sources/{feed}/run", null),
            ("POST", "/api/sources/{export}/upload", "{}"),
            ("POST", "/api/bots", """{"token": "7000000001:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"""),
            ("DELETE", "/api/bots/{bot}", null),
            ("DELETE", "/api/orchestrations/{ended}", null),
            ("POST", "/api/queues/telegram-updates/poison/{poison}/requeue", null),
            ("DELETE", "/api/queues/telegram-updates/poison/{poison}", null),
        })
        {
            yield return new($"reader {method} {url}", method, url, body, Key: "reader", Status: 403);
        }

        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("GET", "/api/keys", null),
            ("POST", "/api/keys", """{"name": "x", "role": "admin"}"""),
            ("DELETE", "/api/keys/{reader-key-id}", null),
        })
        {
            yield return new($"reader {method} {url}", method, url, body, Key: "reader", Status: 403);
            yield return new($"operator {method} {url}", method, url, body, Key: "operator", Status: 403);
        }
    }
}
