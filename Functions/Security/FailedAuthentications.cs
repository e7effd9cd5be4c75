using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Sift.Hosting;

namespace Sift.Security;

/// <summary>
/// Counts API requests refused for want of a valid key, per client address (an IPv6 address by its
/// /64, what one subscriber holds) in fixed one-minute windows in this instance's memory. Past
/// <see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/> the address is answered 429 until its
/// window ends, before any key it sends is looked up: guessing keys costs the guesser, not the store.
/// </summary>
internal sealed partial class FailedAuthentications(IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<FailedAuthentications> logger)
{
    /// <summary>Addresses remembered at most; past it, windows that have ended are dropped.</summary>
    public const int MaxAddresses = 10_000;

    private const int WindowSeconds = 60;
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="context"/>'s address must wait, or null while it may still try.</summary>
    public TimeSpan? RetryAfter(HttpContext context)
    {
        var (start, now) = Now();
        return windows.TryGetValue(Address(context), out var window) && window.Start == start && window.Count >= options.Value.FailedAuthenticationsPerMinute
            ? TimeSpan.FromSeconds(start + WindowSeconds - now)
            : null;
    }

    /// <summary>Counts one refusal; returns how long the address must now wait, or null while it may still try.</summary>
    public TimeSpan? Fail(HttpContext context)
    {
        var (start, now) = Now();
        var address = Address(context);
        if (windows.Count >= MaxAddresses)
        {
            foreach (var ended in windows.Where(w => w.Value.Start != start))
            {
                windows.TryRemove(ended);
            }
        }

        var window = windows.AddOrUpdate(address, _ => new Window(start, 1), (_, w) => w.Start == start ? w with { Count = w.Count + 1 } : new Window(start, 1));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var path = LogText.Escape(context.Request.Path.Value);
            LogRefused(logger, address, context.Request.Method, path, window.Count);
        }

        return window.Count > options.Value.FailedAuthenticationsPerMinute ? TimeSpan.FromSeconds(start + WindowSeconds - now) : null;
    }

    private (long Start, long Now) Now()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return (now - (now % WindowSeconds), now);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => new IPAddress([.. v6.GetAddressBytes()[..8], .. new byte[8]]) + "/64",
        var v4 => v4.ToString(),
    };

    private sealed record Window(long Start, int Count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path} from {Address} without a valid API key ({Count} this minute)")]
    private static partial void LogRefused(ILogger logger, string address, string method, string path, int count);
}
