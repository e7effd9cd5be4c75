using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sift.Storage;

/// <summary>
/// Port ids as Cosmos DB ids. Cosmos refuses <c>/ \ ? #</c> in ids and ids over 255 characters,
/// so those characters (and <c>%</c>, spaces, control characters and the escape character <c>~</c>
/// itself, which gateways and URLs handle badly) become <c>~XX</c> (hex). Distinct port ids stay
/// distinct; an id still too long keeps a readable prefix and ends with <c>~~</c> and a SHA-256 of
/// the whole id (escaped ids never contain <c>~~</c>, so the two forms cannot meet).
/// </summary>
internal static class CosmosIds
{
    public const int MaxLength = 255;
    private const int HashedPrefixLength = 200;

    public static string Escape(string id)
    {
        var escaped = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' or '~' or ' ' || char.IsControl(c))
            {
                escaped.Append('~').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        if (escaped.Length <= MaxLength)
        {
            return escaped.ToString();
        }

        var cut = char.IsLowSurrogate(escaped[HashedPrefixLength]) ? HashedPrefixLength - 1 : HashedPrefixLength;
        var hash = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return $"{escaped.ToString(0, cut)}~~{hash}";
    }
}
