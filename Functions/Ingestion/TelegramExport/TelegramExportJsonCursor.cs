using System.Buffers;
using System.Text.Json;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Pulls JSON tokens and whole values from a stream through one pooled buffer that is refilled as it
/// is consumed, so an export of any size is read in bounded memory. The buffer grows only when one
/// token or one materialised value (a message) does not fit, up to <see cref="MaxValueBytes"/>.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> is a ref struct and cannot live across an await, so every step builds
/// one over the unread bytes from the saved <see cref="JsonReaderState"/>, and commits only what it
/// read completely; a step that runs out of bytes is retried after the buffer is refilled.
/// </remarks>
internal sealed class TelegramExportJsonCursor(Stream stream, int initialBufferBytes = TelegramExportJsonCursor.InitialBufferBytes)
    : IDisposable
{
    public const int MaxValueBytes = 16 * 1024 * 1024;
    public const int InitialBufferBytes = 64 * 1024;

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(initialBufferBytes);
    private int start; // first unread byte
    private int end; // end of the bytes read from the stream
    private long bufferOffset; // stream position of buffer[0]
    private bool endOfStream;
    private JsonReaderState state;
    private int skipDepth;

    /// <summary>Byte position of the next unread token, for error messages.</summary>
    public long Position => bufferOffset + start;

    /// <summary>The next token; <see cref="JsonTokenType.None"/> after the end of the document.</summary>
    public async ValueTask<ExportToken> ReadTokenAsync(CancellationToken ct)
    {
        ExportToken token;
        while (!TryReadToken(out token))
            await FillAsync(ct);
        return token;
    }

    /// <summary>Skips the next value token by token, without materialising it; false when the enclosing array ended instead.</summary>
    public async ValueTask<bool> SkipValueAsync(CancellationToken ct)
    {
        skipDepth = 0;
        bool? skipped;
        while ((skipped = TrySkip()) is null)
            await FillAsync(ct);
        return skipped.Value;
    }

    /// <summary>The next value as a self-contained element; null when the enclosing array ended instead.</summary>
    public async ValueTask<JsonElement?> ReadValueAsync(CancellationToken ct)
    {
        JsonElement? value;
        while (!TryReadValue(out value))
            await FillAsync(ct);
        return value;
    }

    /// <summary>
    /// Reads <paramref name="prefix"/> before the stream, whose first byte is byte <paramref name="origin"/>
    /// of the file, so positions stay the file's. Called before the first read.
    /// </summary>
    public void Resume(ReadOnlySpan<byte> prefix, long origin)
    {
        while (buffer.Length < prefix.Length)
            Grow();
        prefix.CopyTo(buffer);
        (start, end, bufferOffset) = (0, prefix.Length, origin - prefix.Length);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private bool TryReadToken(out ExportToken token)
    {
        token = default;
        var reader = CreateReader();
        try
        {
            if (!reader.Read())
            {
                Commit(ref reader); // whitespace before a token cut off by the buffer's end
                return endOfStream; // a final block only stops after the root value ended
            }
            token = reader.TokenType switch
            {
                JsonTokenType.PropertyName or JsonTokenType.String => new(reader.TokenType, reader.GetString(), null),
                JsonTokenType.Number => new(reader.TokenType, null, reader.TryGetInt64(out var number) ? number : null),
                _ => new(reader.TokenType, null, null),
            };
            Commit(ref reader);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Malformed(e, reader.BytesConsumed);
        }
    }

    // Commits whole tokens as it goes, so a section far larger than the buffer is skipped in passes.
    private bool? TrySkip()
    {
        var reader = CreateReader();
        try
        {
            while (reader.Read())
            {
                skipDepth += reader.TokenType switch
                {
                    JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                    JsonTokenType.EndObject or JsonTokenType.EndArray => -1,
                    _ => 0,
                };
                if (skipDepth <= 0)
                {
                    Commit(ref reader);
                    return skipDepth == 0;
                }
            }
            Commit(ref reader);
            return endOfStream ? throw EndedEarly() : null;
        }
        catch (JsonException e)
        {
            throw Malformed(e, reader.BytesConsumed);
        }
    }

    // A value is parsed only once all of it is in the buffer, so nothing is committed until then.
    private bool TryReadValue(out JsonElement? value)
    {
        value = null;
        var reader = CreateReader();
        try
        {
            if (!reader.Read())
            {
                Commit(ref reader);
                return endOfStream ? throw EndedEarly() : false;
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Commit(ref reader);
                return true;
            }
            var probe = reader;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !probe.TrySkip())
                return false;
            value = JsonElement.ParseValue(ref reader);
            Commit(ref reader);
            return true;
        }
        catch (JsonException e)
        {
            throw Malformed(e, reader.BytesConsumed);
        }
    }

    private Utf8JsonReader CreateReader() => new(buffer.AsSpan(start, end - start), endOfStream, state);

    private void Commit(ref Utf8JsonReader reader)
    {
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (endOfStream)
            throw EndedEarly();
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            bufferOffset += start;
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
            Grow();
        // Fill all free space: a stream that returns a few bytes per read must not make every step rescan.
        var wanted = buffer.Length - end;
        var read = await stream.ReadAtLeastAsync(buffer.AsMemory(end), wanted, throwOnEndOfStream: false, ct);
        end += read;
        endOfStream = read < wanted;
    }

    private void Grow()
    {
        if (buffer.Length >= MaxValueBytes)
            throw new TelegramExportException(
                $"The value at byte {Position} is larger than {MaxValueBytes / (1024 * 1024)} MiB, the most Sift reads as one message.");
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxValueBytes));
        buffer.AsSpan(0, end).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private TelegramExportException Malformed(Exception e, long bytesConsumed) =>
        new($"The export is not valid JSON near byte {Position + bytesConsumed}: {e.Message}", e);

    private TelegramExportException EndedEarly() => new($"The export ends unexpectedly at byte {bufferOffset + end}.");
}

/// <param name="Text">The value of a property name or string token.</param>
/// <param name="Integer">The value of a number token that is an integer.</param>
internal readonly record struct ExportToken(JsonTokenType Type, string? Text, long? Integer);
