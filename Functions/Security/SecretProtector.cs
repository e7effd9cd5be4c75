using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sift.Security;

/// <summary>Which field of which record a protected value belongs to, bound into its ciphertext as associated data.</summary>
public readonly record struct SecretBinding(string Collection, string Id, string Field)
{
    internal byte[] AssociatedData(string version) => Encoding.UTF8.GetBytes($"{version}\0{Collection}\0{Id}\0{Field}");
}

/// <summary>
/// Protects secrets at rest (AES-256-GCM, each value bound to its collection, record id and field,
/// so a ciphertext copied to another record or field does not decrypt) and makes new random secrets.
/// Every key is derived from the one master key with HKDF and its own purpose, so no use weakens another.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v2";
    private const string LegacyVersion = "v1";
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

    /// <summary>Encrypts <paramref name="plaintext"/> for the one field <paramref name="binding"/> names: <c>v2:</c> and base64 of nonce, ciphertext and tag.</summary>
    public string Protect(string plaintext, SecretBinding binding)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length), binding.AssociatedData(Version));
        return $"{Version}:{Convert.ToBase64String(output)}";
    }

    /// <exception cref="CryptographicException">
    /// The value was not protected with this key, was altered, belongs to another record or field,
    /// or is of the unbound v1 format (which start-up rewrites, see <see cref="Rebind"/>).
    /// </exception>
    public string Unprotect(string protectedValue, SecretBinding binding) =>
        protectedValue.StartsWith(Version + ":", StringComparison.Ordinal)
            ? Decrypt(protectedValue[(Version.Length + 1)..], binding.AssociatedData(Version))
            : throw new CryptographicException("Unknown protected value format.");

    /// <summary>
    /// The v2 form of a v1 value (encrypted before secrets were bound to their records, with only the
    /// version as associated data), or null when <paramref name="protectedValue"/> needs no rewrite.
    /// Start-up rewrites every v1 value once (<see cref="ProtectedSecretsUpgrade"/>); from then on only v2 is read.
    /// </summary>
    public string? Rebind(string protectedValue, SecretBinding binding) =>
        protectedValue.StartsWith(LegacyVersion + ":", StringComparison.Ordinal)
            ? Protect(Decrypt(protectedValue[(LegacyVersion.Length + 1)..], Encoding.ASCII.GetBytes(LegacyVersion)), binding)
            : null;

    private string Decrypt(string base64, byte[] associatedData)
    {
        var input = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, input, out var size) || size < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected value is not well formed.");
        }

        var length = size - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length, TagSize), plaintext, associatedData);
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
