using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Sift.Llm;

/// <summary>
/// <see cref="IModelClient"/> over the OpenAI SDK, for Azure OpenAI and OpenAI-compatible endpoints.
/// Every request goes through the provider's pipeline; an answer that does not fit is asked for once
/// more with the reason. Logs name the provider, the status and the attempt, never the key or the prompt.
/// </summary>
internal sealed partial class OpenAiModelClient(SdkClients sdk, ProviderPipelines pipelines, ILogger<OpenAiModelClient> logger) : IModelClient
{
    public async Task<ModelAnswer<JsonElement>> CompleteJsonAsync(
        ModelTarget target, ModelPrompt prompt, string schemaName, BinaryData jsonSchema, Func<JsonElement, string?> validate, CancellationToken cancellationToken)
    {
        var chat = sdk.ChatFor(target);
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schemaName, jsonSchema, jsonSchemaIsStrict: true),
            Temperature = target.Temperature is { } t ? (float)t : null,
            MaxOutputTokenCount = target.MaxOutputTokens,
        };
        List<ChatMessage> messages = [new SystemChatMessage(prompt.System), new UserChatMessage(prompt.User)];
        var usage = TokenUsage.Zero;
        var calls = 0;
        for (var round = 1; ; round++)
        {
            var completion = await pipelines.ExecuteAsync(
                target,
                async ct =>
                {
                    Interlocked.Increment(ref calls);
                    return (await chat.CompleteChatAsync(messages, options, ct)).Value;
                },
                cancellationToken);
            usage = usage.Add(UsageOf(completion.Usage));
            var text = completion.Content.Count > 0 ? string.Concat(completion.Content.Select(part => part.Text)) : "";
            var (value, reason) = Judge(completion, text, validate);
            if (reason is null)
            {
                return new ModelAnswer<JsonElement>(value, usage, calls);
            }

            LogRejected(logger, target.ProviderId, schemaName, round);
            if (round == 2)
            {
                throw new ModelOutputException(target.ProviderId, reason, usage);
            }

            messages.Add(new AssistantChatMessage(text));
            messages.Add(new UserChatMessage($"Your answer was rejected: {reason}. Answer again with only JSON that fits the {schemaName} schema."));
        }
    }

    public async Task<ModelAnswer<IReadOnlyList<float[]>>> EmbedAsync(ModelTarget target, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            return new ModelAnswer<IReadOnlyList<float[]>>([], TokenUsage.Zero, 0);
        }

        var embeddings = sdk.EmbeddingsFor(target);
        var calls = 0;
        var answer = await pipelines.ExecuteAsync(
            target,
            async ct =>
            {
                Interlocked.Increment(ref calls);
                return (await embeddings.GenerateEmbeddingsAsync(EmbeddingWire.Request(target.Model, inputs), new RequestOptions { CancellationToken = ct })).GetRawResponse().Content;
            },
            cancellationToken);
        try
        {
            var (vectors, tokens) = EmbeddingWire.Read(answer, inputs.Count);
            return new ModelAnswer<IReadOnlyList<float[]>>(vectors, new TokenUsage(tokens, 0), calls);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ModelUnavailableException(target.ProviderId, $"its embeddings answer cannot be read: {e.Message}");
        }
    }

    /// <returns>The parsed answer, or the reason it is refused (a refusal, not JSON, or what <paramref name="validate"/> says).</returns>
    private static (JsonElement Value, string? Reason) Judge(ChatCompletion completion, string text, Func<JsonElement, string?> validate)
    {
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            return (default, $"the model refused ({completion.Refusal})");
        }

        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(text);
            value = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var cut = completion.FinishReason == ChatFinishReason.Length ? " (it was cut off at the output token limit)" : "";
            return (default, $"the answer is not valid JSON{cut}: {e.Message}");
        }

        return (value, validate(value));
    }

    private static TokenUsage UsageOf(ChatTokenUsage? usage) => usage is null ? TokenUsage.Zero : new(usage.InputTokenCount, usage.OutputTokenCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model provider {ProviderId} answered {SchemaName} with output that does not fit (round {Round})")]
    private static partial void LogRejected(ILogger logger, string providerId, string schemaName, int round);
}
