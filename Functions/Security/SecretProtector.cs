using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sift.Security;

/// <summary>
/// Protects secrets at rest (AES-256-GCM) and makes new random secrets. Every key is derived from
/// the one master key with HKDF and its own purpose, so no use weakens another.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] masterKey;

    public SecretProtector(byte[] masterKey)
    {
        this.masterKey = masterKey;
        encryptionKey = DeriveKey("sift/secrets-at-rest");
    }

    /// <summary>A 32-byte key for one purpose (e.g. <c>sift/continuation</c>), derived from the master key.</summary>
    public byte[] DeriveKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes(purpose));

    public string Protect(string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length), Encoding.ASCII.GetBytes(Version));
        return $"{Version}:{Convert.ToBase64String(output)}";
    }

    /// <exception cref="CryptographicException">The value was not protected with this key or was altered.</exception>
    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Version + ":", StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown protected value format.");
        }

        var input = Convert.FromBase64String(protectedValue[(Version.Length + 1)..]);
        var length = input.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plaintext, Encoding.ASCII.GetBytes(Version));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>
    /// 32 random bytes as base64url (43 characters of A-Z a-z 0-9 _ -): what Telegram accepts as a
    /// webhook's <c>secret_token</c> (1-256 of those characters).
    /// </summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Compares in constant time, so the response time says nothing about how much of a guess was right.</summary>
    public static bool SameSecret(ReadOnlySpan<byte> expected, string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(candidate));

    /// <summary>Shows enough of a secret to recognise it and nothing that helps to use it.</summary>
    public static string Mask(string secret) =>
        secret.Length <= 8 ? new string('*', secret.Length) : $"{secret[..4]}…{secret[^4..]}";
}
