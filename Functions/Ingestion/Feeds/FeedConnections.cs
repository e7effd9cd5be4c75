using System.Net;
using System.Net.Sockets;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// The feed client's handler: it resolves each host itself and connects only to the public
/// addresses it resolved to, so neither a feed URL nor a redirect can reach loopback, private,
/// link-local or other internal addresses (checked at connect time, after DNS, so rebinding cannot
/// slip past a check made earlier).
/// </summary>
internal static class FeedConnections
{
    public const int MaxRedirects = 5;

    public static SocketsHttpHandler Handler(bool allowPrivateAddresses) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = allowPrivateAddresses ? resolved : resolved.Where(a => !IsInternal(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new AddressRefusedException(host, resolved.FirstOrDefault());
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private, shared (CGNAT), link-local, unspecified, multicast and reserved addresses, IPv4-mapped forms included.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] is >= 64 and < 128) // shared address space (CGNAT)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and < 32)
                || (b[0] == 192 && b[1] == 168);
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }
}

/// <summary>A feed host resolved only to addresses Sift does not connect to.</summary>
internal sealed class AddressRefusedException(string host, IPAddress? address)
    : Exception(address is null
        ? $"{host} resolved to no address"
        : $"{host} resolves to {address}, a loopback, private or otherwise internal address that feeds may not use (Ingestion:AllowPrivateAddresses is false)");
