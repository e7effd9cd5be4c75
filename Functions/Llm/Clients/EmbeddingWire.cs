using System.Buffers.Binary;
using System.ClientModel;
using System.Text.Json;

namespace Sift.Llm;

/// <summary>
/// The embeddings request and answer as JSON, sent through the SDK's protocol method instead of
/// its typed one: the typed method always asks for <c>encoding_format: base64</c> and reads only
/// base64 (openai/openai-dotnet#51), while Ollama, LM Studio and other OpenAI-compatible servers
/// answer float arrays whatever is asked. Sift asks for floats, the API's default, and reads both.
/// </summary>
internal static class EmbeddingWire
{
    public static BinaryContent Request(string model, IReadOnlyList<string> inputs) =>
        BinaryContent.Create(BinaryData.FromObjectAsJson(new { model, input = inputs, encoding_format = "float" }));

    /// <returns>The vectors in input order, and the input tokens the server counted (0 when it does not say).</returns>
    /// <exception cref="FormatException">The answer is not an embedding list of that many vectors.</exception>
    public static (float[][] Vectors, long InputTokens) Read(BinaryData answer, int inputs)
    {
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the answer has no data list");
        }

        var vectors = new float[inputs][];
        foreach (var item in data.EnumerateArray())
        {
            var index = item.TryGetProperty("index", out var at) && at.TryGetInt32(out var i) ? i : -1;
            if (index < 0 || index >= inputs || vectors[index] is not null || !item.TryGetProperty("embedding", out var embedding))
            {
                throw new FormatException("an embedding has a missing, repeated or out-of-range index");
            }

            vectors[index] = Vector(embedding);
        }

        if (vectors.Any(v => v is null))
        {
            throw new FormatException($"it returned {data.GetArrayLength()} vectors for {inputs} inputs");
        }

        var tokens = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("prompt_tokens", out var prompt) && prompt.TryGetInt64(out var count) ? count : 0;
        return (vectors, tokens);
    }

    /// <summary>A JSON array of numbers, or base64 of little-endian float32s.</summary>
    private static float[] Vector(JsonElement embedding)
    {
        if (embedding.ValueKind == JsonValueKind.Array)
        {
            return embedding.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetSingle() : throw new FormatException("an embedding holds a value that is not a number")).ToArray();
        }

        if (embedding.ValueKind == JsonValueKind.String && embedding.TryGetBytesFromBase64(out var bytes) && bytes.Length % sizeof(float) == 0)
        {
            var vector = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return vector;
        }

        throw new FormatException("an embedding is neither an array of numbers nor base64 of float32s");
    }
}
