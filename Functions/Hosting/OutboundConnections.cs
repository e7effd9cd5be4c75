using System.Net;
using System.Net.Sockets;

namespace Sift.Hosting;

/// <summary>
/// The handler of every client that fetches what a stranger or an admin names (feeds, model
/// endpoints): it resolves each host itself and connects only to the public addresses it resolved
/// to, so neither a URL nor a redirect can reach loopback, private, link-local or other internal
/// addresses (checked at connect time, after DNS, so rebinding cannot slip past a check made
/// earlier). It never uses a proxy: an ambient HTTP(S)_PROXY would receive the request and connect
/// wherever the URL says, past the check.
/// </summary>
internal static class OutboundConnections
{
    public const int MaxRedirects = 5;

    /// <param name="allowPrivateAddresses">Connect to internal addresses too (a local model server, a feed on the LAN).</param>
    /// <param name="setting">The setting that allows them, named in the refusal.</param>
    public static SocketsHttpHandler Handler(bool allowPrivateAddresses, string setting) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = allowPrivateAddresses ? resolved : resolved.Where(a => !PublicAddresses.IsInternal(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new AddressRefusedException(host, resolved.Length > 0, setting);
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
}

/// <summary>
/// A host resolved only to addresses Sift does not connect to. The message never says what the
/// host resolved to: that would tell a caller what internal names resolve to.
/// </summary>
internal sealed class AddressRefusedException(string host, bool resolved, string setting)
    : Exception(resolved
        ? $"{host}: refused: not a public address ({setting} is false)"
        : $"{host} resolved to no address");
