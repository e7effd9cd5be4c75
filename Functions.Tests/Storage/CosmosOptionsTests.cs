using System.ComponentModel.DataAnnotations;
using Microsoft.Azure.Cosmos;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The <c>CosmosDb</c> settings, and the client options built from them (what cosmosdb-server cannot show: 429 retries, Direct mode, certificates).</summary>
public sealed class CosmosOptionsTests
{
    private const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    [Theory]
    [InlineData("CosmosDb", "not a connection string")]
    [InlineData("CosmosDb", "AccountEndpoint=https://sift.documents.azure.com:443/;")]
    [InlineData("CosmosDb", "AccountEndpoint=ftp://sift.documents.azure.com/;AccountKey=abc;")]
    [InlineData("CosmosDb:accountEndpoint", "sift.documents.azure.com")]
    [InlineData("CosmosDb:accountEndpoint", "http://sift.documents.azure.com/")]
    public void MalformedSettingIsRefusedNamingIt(string setting, string value)
    {
        var options = setting == "CosmosDb" ? new CosmosOptions { ConnectionString = value } : new CosmosOptions { AccountEndpoint = value };

        Assert.Contains(Validate(options), message => message.StartsWith(setting + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void CredentialClientIdAndDatabaseAreChecked()
    {
        var options = new CosmosOptions { AccountEndpoint = "https://sift.documents.azure.com:443/", Credential = "password", ClientId = "me", Database = "a/b" };

        Assert.Equal(["CosmosDb:credential", "CosmosDb:clientId", "CosmosDb:database"], Validate(options).Select(message => message.Split(' ')[0]));
    }

    [Fact]
    public void NoSettingKeepsTheStoreOnSqlite()
    {
        Assert.False(new CosmosOptions().IsConfigured);
        Assert.Empty(Validate(new CosmosOptions()));
    }

    [Fact]
    public void RemoteAccountUsesDirectModeAndValidatesCertificates()
    {
        var client = CosmosClients.ClientOptions(new CosmosOptions { AccountEndpoint = "https://sift.documents.azure.com:443/", Credential = "managedidentity" });

        Assert.Equal(ConnectionMode.Direct, client.ConnectionMode);
        Assert.Null(client.HttpClientFactory);
        Assert.False(client.LimitToEndpoint);
    }

    [Fact]
    public void LoopbackEmulatorUsesTheGatewayAndItsOwnCertificate()
    {
        var client = CosmosClients.ClientOptions(new CosmosOptions { ConnectionString = $"AccountEndpoint=https://127.0.0.1:8081/;AccountKey={Key};" });

        Assert.Equal(ConnectionMode.Gateway, client.ConnectionMode);
        Assert.NotNull(client.HttpClientFactory);
        Assert.True(client.LimitToEndpoint);
    }

    [Fact]
    public void ThrottledRequestsAreRetriedByTheSdkWithExplicitLimits()
    {
        var client = CosmosClients.ClientOptions(new CosmosOptions { AccountEndpoint = "https://sift.documents.azure.com:443/" });

        Assert.Equal((9, TimeSpan.FromSeconds(30)), (client.MaxRetryAttemptsOnRateLimitedRequests, client.MaxRetryWaitTimeOnRateLimitedRequests));
    }

    [Theory]
    [InlineData("CosmosDb", "AccountEndpoint=https://sift.documents.azure.com:443/")]
    [InlineData("CosmosDb:accountEndpoint", "not-a-url")]
    public async Task BadCosmosSettingStopsStartupNamingIt(string setting, string value)
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", $"--{setting}={value}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains(setting + " ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CosmosWithoutAConfiguredMasterKeyStopsStartupNamingSecretsKey()
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", $"--CosmosDb=AccountEndpoint=https://127.0.0.1:9/;AccountKey={Key};"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Secrets:Key", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "secrets.key")));
    }

    [Fact]
    public async Task UnreachableCosmosAccountStopsStartupNamingCosmosDb()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}",
            $"--CosmosDb=AccountEndpoint=https://127.0.0.1:9/;AccountKey={Key};", $"--Secrets:Key={Convert.ToBase64String(new byte[32])}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("CosmosDb: the account at https://127.0.0.1:9/", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static List<string> Validate(CosmosOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage!).ToList();
    }
}
