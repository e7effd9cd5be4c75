using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace Sift.Storage;

/// <summary>
/// Section <c>CosmosDb</c>, as the Functions Cosmos DB binding reads it: a connection string as the
/// section's own value (<c>CosmosDb</c>), or <c>CosmosDb:accountEndpoint</c> with an Entra ID
/// credential (<c>CosmosDb:credential</c> = <c>managedidentity</c>, <c>CosmosDb:clientId</c> for a
/// user-assigned identity). When neither is set the store stays on SQLite.
/// </summary>
public sealed class CosmosOptions : IValidatableObject
{
    public const string Section = "CosmosDb";

    /// <summary>
    /// <c>AccountEndpoint=...;AccountKey=...;</c>; it wins over <see cref="AccountEndpoint"/>, as in
    /// the Functions binding. Set from the section's own value, never bound as a key of it.
    /// </summary>
    public string? ConnectionString { get; internal set; }

    public string? AccountEndpoint { get; set; }

    /// <summary><c>managedidentity</c> for ManagedIdentityCredential; otherwise DefaultAzureCredential.</summary>
    public string? Credential { get; set; }

    /// <summary>Client id of a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    public string Database { get; set; } = "sift";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(AccountEndpoint);

    /// <summary>The account endpoint the store talks to, from whichever form is configured (a method: validation reads every property, and this one needs valid settings).</summary>
    public Uri Endpoint() => new(string.IsNullOrWhiteSpace(ConnectionString) ? AccountEndpoint! : (string)Parse(ConnectionString)["AccountEndpoint"]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (!TryParse(ConnectionString, out var parts) || !parts.TryGetValue("AccountEndpoint", out var endpoint) || !IsEndpoint(endpoint as string)
                || !parts.TryGetValue("AccountKey", out var key) || string.IsNullOrWhiteSpace(key as string))
            {
                yield return new ValidationResult(
                    "CosmosDb must be a connection string of the form `AccountEndpoint=https://<account>.documents.azure.com:443/;AccountKey=<key>;`.", [nameof(ConnectionString)]);
            }
            else if (!IsBase64((string)key!))
            {
                // The SDK decodes the key when the client is built, where a bad one would end the process with a stack trace.
                yield return new ValidationResult("CosmosDb's AccountKey must be the account's key as the portal shows it (base64).", [nameof(ConnectionString)]);
            }
        }
        else if (!string.IsNullOrWhiteSpace(AccountEndpoint) && !IsEndpoint(AccountEndpoint))
        {
            yield return new ValidationResult("CosmosDb:accountEndpoint must be an absolute https URL, e.g. `https://<account>.documents.azure.com:443/`.", [nameof(AccountEndpoint)]);
        }

        if (!AzureCredentials.IsValid(Credential))
        {
            yield return new ValidationResult("CosmosDb:credential must be `managedidentity` or unset (DefaultAzureCredential).", [nameof(Credential)]);
        }

        if (ClientId is { Length: > 0 } && !Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult("CosmosDb:clientId must be the client id (a GUID) of a user-assigned managed identity.", [nameof(ClientId)]);
        }

        if (string.IsNullOrWhiteSpace(Database) || Database.Length > 255 || Database.IndexOfAny(['/', '\\', '?', '#']) >= 0 || Database != Database.Trim())
        {
            yield return new ValidationResult("CosmosDb:database must be a Cosmos DB database name (1-255 characters, none of / \\ ? #).", [nameof(Database)]);
        }
    }

    /// <summary>The loopback emulators (cosmosdb-server, the Cosmos DB emulator) are reached through the gateway and with their self-signed certificate.</summary>
    public bool IsLoopback() => Endpoint().IsLoopback;

    private static bool IsEndpoint(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value.Trim(), new byte[value.Length], out var length) && length > 0;

    private static DbConnectionStringBuilder Parse(string value) => new() { ConnectionString = value };

    private static bool TryParse(string value, out DbConnectionStringBuilder parts)
    {
        try
        {
            parts = Parse(value);
            return true;
        }
        catch (ArgumentException)
        {
            parts = new DbConnectionStringBuilder();
            return false;
        }
    }
}
