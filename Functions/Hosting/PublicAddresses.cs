using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sift.Hosting;

/// <summary>
/// Which addresses are public: everything the IANA special-purpose registries (IPv4 and IPv6)
/// do not mark globally reachable, and addresses that are public but reach the host itself in a
/// cloud (Azure's wire server), are internal. IPv6 forms that carry an IPv4 address (IPv4-mapped,
/// NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address; other transition forms
/// (IPv4-compatible ::a.b.c.d, local NAT64 64:ff9b:1::/48, Teredo) are internal.
/// </summary>
internal static class PublicAddresses
{
    /// <summary>Azure's host wire server (DHCP, DNS, health probes, VM agent), reachable from every Azure VM.</summary>
    private const uint AzureWireServer = 0xA83F8110; // 168.63.129.16

    private static readonly (uint Network, int Bits)[] InternalV4 =
    [
        (0x00000000, 8),  // "this network"
        (0x0A000000, 8),  // private
        (0x64400000, 10), // shared address space (CGNAT)
        (0x7F000000, 8),  // loopback
        (0xA9FE0000, 16), // link-local (cloud metadata services)
        (0xAC100000, 12), // private
        (0xC0000000, 24), // IETF protocol assignments
        (0xC0000200, 24), // documentation (TEST-NET-1)
        (0xC0586300, 24), // 6to4 relay anycast (deprecated)
        (0xC0A80000, 16), // private
        (0xC6120000, 15), // benchmarking
        (0xC6336400, 24), // documentation (TEST-NET-2)
        (0xCB007100, 24), // documentation (TEST-NET-3)
        (0xE0000000, 4),  // multicast
        (0xF0000000, 4),  // reserved, and the limited broadcast address
        (AzureWireServer, 32),
    ];

    public static bool IsInternal(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IsInternalV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
        AddressFamily.InterNetworkV6 => IsInternalV6(address.GetAddressBytes()),
        _ => true,
    };

    private static bool IsInternalV4(uint address) => InternalV4.Any(range => address >> (32 - range.Bits) == range.Network >> (32 - range.Bits));

    private static bool IsInternalV6(byte[] b)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(b);
        var embedded = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(12));
        if (high == 0 && BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8)) == 0xFFFF)
        {
            return IsInternalV4(embedded); // IPv4-mapped ::ffff:a.b.c.d
        }

        if (high == 0x0064_FF9B_0000_0000 && BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8)) == 0)
        {
            return IsInternalV4(embedded); // NAT64 well-known prefix 64:ff9b::/96
        }

        var first = BinaryPrimitives.ReadUInt16BigEndian(b);
        if (first == 0x2002)
        {
            return IsInternalV4(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(2))); // 6to4: the IPv4 address after the prefix
        }

        // Only global unicast 2000::/3 is public; inside it, the IETF protocol assignments 2001::/23
        // (Teredo 2001::/32, benchmarking, ORCHID), documentation 2001:db8::/32 and 3fff::/20.
        return (first & 0xE000) != 0x2000
            || (first == 0x2001 && b[2] < 0x02)
            || (first == 0x2001 && b[2] == 0x0D && b[3] == 0xB8)
            || (first == 0x3FFF && b[2] < 0x10);
    }
}
