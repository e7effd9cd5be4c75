namespace Sift.Telegram.Mapping;

internal static class UnixTime
{
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>UTC time of Bot API unix seconds; null when absent or out of range rather than throwing.</summary>
    public static DateTimeOffset? ToDate(long? seconds) =>
        seconds is { } s && s >= Min && s <= Max ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
