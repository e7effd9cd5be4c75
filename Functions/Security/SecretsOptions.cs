using System.Security.Cryptography;
using Sift.Storage;

namespace Sift.Security;

/// <summary>Section <c>Secrets</c>: the master key as base64 of 32 random bytes.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    public string? Key { get; set; }

    /// <summary>
    /// The configured key, or in standalone mode the one generated on first start and kept in
    /// the data directory (readable by the owner only).
    /// </summary>
    internal byte[] ResolveKey(StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(Key))
        {
            return Parse(Key, "Secrets:Key");
        }

        var path = Path.Combine(storage.FullPath, "secrets.key");
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path).Trim(), path);
        }

        PrivateFiles.CreateDirectory(storage.FullPath);
        var key = RandomNumberGenerator.GetBytes(32);
        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, PrivateFiles.Options(FileMode.CreateNew)))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    internal static bool TryParse(string value, out byte[] key)
    {
        Span<byte> buffer = stackalloc byte[33];
        var valid = Convert.TryFromBase64String(value.Trim(), buffer, out var length) && length == 32;
        key = valid ? buffer[..32].ToArray() : [];
        return valid;
    }

    private static byte[] Parse(string value, string source) =>
        TryParse(value, out var key)
            ? key
            : throw new InvalidOperationException($"{source} must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`).");
}
