using Azure.Core;
using Azure.Identity;

namespace Sift.Storage;

/// <summary>
/// How the Functions host turns an identity-based connection's <c>credential</c> and <c>clientId</c>
/// settings into a credential, for every Azure service Sift connects to.
/// </summary>
internal static class AzureCredentials
{
    public const string ManagedIdentity = "managedidentity";

    /// <summary><c>credential=managedidentity</c> asks the platform only; anything else the default chain. <paramref name="clientId"/> picks a user-assigned identity.</summary>
    public static TokenCredential From(string? credential, string? clientId)
    {
        var user = string.IsNullOrWhiteSpace(clientId) ? null : clientId;
        return IsManagedIdentity(credential)
            ? new ManagedIdentityCredential(user is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(user))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = user });
    }

    /// <summary>The <c>credential</c> setting holds one of the values the host knows: unset or <c>managedidentity</c>.</summary>
    public static bool IsValid(string? credential) => string.IsNullOrWhiteSpace(credential) || IsManagedIdentity(credential);

    private static bool IsManagedIdentity(string? credential) => string.Equals(credential, ManagedIdentity, StringComparison.OrdinalIgnoreCase);
}
