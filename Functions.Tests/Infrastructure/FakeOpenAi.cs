using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sift.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible and Azure OpenAI endpoint on a real loopback port, speaking the wire format
/// (<c>chat.completion</c> and embedding <c>list</c> bodies, <c>usage</c>, Retry-After and
/// <c>retry-after-ms</c>). Scripted answers are served first, in order; then <see cref="Respond"/>
/// computes the content. Token counts are a quarter of the characters, so a test can predict them.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private WebApplication app = null!;
    private readonly ConcurrentQueue<Step> script = new();
    private int inFlight;
    private int maxInFlight;
    private long inputTokensSent;
    private long outputTokensSent;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>An OpenAI-style base URL (<c>…/v1</c>), as OpenAI, Ollama and vLLM publish it.</summary>
    public Uri V1Url => new(BaseUrl, "/v1");

    public ConcurrentQueue<FakeOpenAiRequest> Requests { get; } = new();

    /// <summary>The assistant message's content for a chat request (its body); by default <c>{"ok":true}</c>.</summary>
    public Func<JsonElement, string> Respond { get; set; } = _ => """{"ok":true}""";

    /// <summary>
    /// Whether embeddings come as float arrays whatever the request's <c>encoding_format</c> says,
    /// as Ollama and LM Studio answer; else as asked (base64 or, by default, floats), as OpenAI does.
    /// </summary>
    public bool FloatArraysAlways { get; set; }

    /// <summary>How long every request is held before it is answered (to see concurrency).</summary>
    public TimeSpan HoldEach { get; set; }

    /// <summary>Every token count the server has reported, so a test can compare what the client added up.</summary>
    public long InputTokensSent => Interlocked.Read(ref inputTokensSent);

    public long OutputTokensSent => Interlocked.Read(ref outputTokensSent);

    /// <summary>The most requests the server has been answering at once.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public static async Task<FakeOpenAi> StartAsync()
    {
        var fake = new FakeOpenAi();
        (fake.app, fake.BaseUrl) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", fake.ChatAsync);
            app.MapPost("/chat/completions", fake.ChatAsync);
            app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.ChatAsync);
            app.MapPost("/v1/embeddings", fake.EmbeddingsAsync);
            app.MapPost("/embeddings", fake.EmbeddingsAsync);
            app.MapPost("/openai/deployments/{deployment}/embeddings", fake.EmbeddingsAsync);
        });
        return fake;
    }

    /// <summary>The next request fails with <paramref name="status"/> (and the waits the server asks for).</summary>
    public FakeOpenAi ThenFail(int status, string? retryAfter = null, string? retryAfterMs = null) =>
        Then(new Step(status, retryAfter, retryAfterMs, null, TimeSpan.Zero));

    /// <summary>The next request is answered only after <paramref name="delay"/> (or when the client gives up).</summary>
    public FakeOpenAi ThenSlow(TimeSpan delay) => Then(new Step(200, null, null, null, delay));

    /// <summary>The next chat request is answered with this content, whatever <see cref="Respond"/> says (e.g. not JSON).</summary>
    public FakeOpenAi ThenContent(string content) => Then(new Step(200, null, null, content, TimeSpan.Zero));

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private FakeOpenAi Then(Step step)
    {
        script.Enqueue(step);
        return this;
    }

    private Task ChatAsync(HttpContext context) => AnswerAsync(context, (body, model, scripted) =>
    {
        var content = scripted ?? Respond(body);
        var prompt = body.GetProperty("messages").EnumerateArray().Sum(m => m.GetProperty("content").ToString().Length);
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = Usage(Tokens(prompt), Tokens(content.Length)),
        };
    });

    private Task EmbeddingsAsync(HttpContext context) => AnswerAsync(context, (body, model, _) =>
    {
        var inputs = body.GetProperty("input") is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(i => i.GetString()!).ToList() : [body.GetProperty("input").GetString()!];
        var base64 = !FloatArraysAlways && body.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. inputs.Select((input, index) => new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = index,
                ["embedding"] = base64 ? JsonValue.Create(Convert.ToBase64String(VectorOf(input).SelectMany(BitConverter.GetBytes).ToArray())) : new JsonArray([.. VectorOf(input).Select(f => JsonValue.Create(f))]),
            })]),
            ["model"] = model,
            ["usage"] = Usage(Tokens(inputs.Sum(i => i.Length)), null),
        };
    });

    /// <summary>A vector a test can predict: the input's length, its first character and its last.</summary>
    public static float[] VectorOf(string input) => [input.Length, input.Length > 0 ? input[0] : 0, input.Length > 0 ? input[^1] : 0];

    public static int Tokens(int characters) => Math.Max(1, characters / 4);

    private async Task AnswerAsync(HttpContext context, Func<JsonElement, string, string?, JsonObject> answer)
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var max = MaxInFlight; now > max && Interlocked.CompareExchange(ref maxInFlight, now, max) != max; max = MaxInFlight)
        {
        }

        try
        {
            var body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement.Clone();
            Requests.Enqueue(new FakeOpenAiRequest(
                context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            var step = script.TryDequeue(out var scripted) ? scripted : new Step(200, null, null, null, TimeSpan.Zero);
            var hold = step.Delay + HoldEach;
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, context.RequestAborted);
            }

            if (step.Status != 200)
            {
                context.Response.StatusCode = step.Status;
                if (step.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = step.RetryAfter;
                }

                if (step.RetryAfterMs is not null)
                {
                    context.Response.Headers["retry-after-ms"] = step.RetryAfterMs;
                }

                await context.Response.WriteAsJsonAsync(new { error = new { message = $"Scripted failure {step.Status}", type = "server_error", code = (string?)null } });
                return;
            }

            var model = context.Request.RouteValues["deployment"] as string ?? body.GetProperty("model").GetString()!;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer(body, model, step.Content).ToJsonString());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <param name="completion">Null for embeddings, whose usage has no completion tokens.</param>
    private JsonObject Usage(int prompt, int? completion)
    {
        Interlocked.Add(ref inputTokensSent, prompt);
        Interlocked.Add(ref outputTokensSent, completion ?? 0);
        var usage = new JsonObject { ["prompt_tokens"] = prompt };
        if (completion is { } c)
        {
            usage["completion_tokens"] = c;
        }

        usage["total_tokens"] = prompt + (completion ?? 0);
        return usage;
    }

    private sealed record Step(int Status, string? RetryAfter, string? RetryAfterMs, string? Content, TimeSpan Delay);
}

public sealed record FakeOpenAiRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
