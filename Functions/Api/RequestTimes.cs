using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sift.Storage;

namespace Sift.Api;

/// <summary>
/// The times a client may send: from 1970 to the end of 8999 (UTC). Sift widens a client's time by
/// days or by a look-back (a digest's day, a run's default window), which at DateTimeOffset's own
/// bounds overflowed into a 500; with a thousand years of margin no span Sift adds can.
/// </summary>
public static class RequestTimes
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>Exclusive.</summary>
    public static readonly DateTimeOffset End = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Accepts(DateTimeOffset time) => time >= Earliest && time < End;

    public static bool Accepts(DateOnly day) => Accepts(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public static string Rule(string field) => $"{field} must be between 1970-01-01 and 8999-12-31 (UTC).";
}

/// <summary>Reads a request body's times as <see cref="UtcTimestampConverter"/> does, refusing those outside <see cref="RequestTimes"/>.</summary>
internal sealed class RequestTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The message <see cref="BindingErrors"/> recognises; the field comes from the exception's path.</summary>
    public const string Refusal = "sift:time-out-of-range";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var time = reader.GetDateTimeOffset().ToUniversalTime();
        return RequestTimes.Accepts(time) ? time : throw new JsonException(Refusal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(UtcTimestampConverter.ToText(value));
}
