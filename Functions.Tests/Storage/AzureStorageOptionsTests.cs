using Microsoft.Extensions.Configuration;
using Sift.Storage;

namespace Sift.Tests.Storage;

/// <summary><c>AzureWebJobsStorage</c> read as the Functions host reads it (start-up refusal: SettingsValidationTests).</summary>
public sealed class AzureStorageOptionsTests
{
    [Fact]
    public void TheIdentityFormIsReadFromTheSectionChildren()
    {
        var options = Bind(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.True(options.IsConfigured);
        Assert.Empty(Errors(options));
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), options.QueueService().Uri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), options.BlobService().Uri);
    }

    [Fact]
    public void AnAccountNameStandsForBothServiceUris()
    {
        var options = Bind(new() { ["AzureWebJobsStorage:accountName"] = "acct" });

        Assert.Empty(Errors(options));
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), options.QueueService().Uri);
    }

    [Fact]
    public void NothingSetMeansTheLocalStore() => Assert.False(Bind([]).IsConfigured);

    [Theory]
    [InlineData("AzureWebJobsStorage", "not a connection string", "AzureWebJobsStorage is not a storage connection string")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "acct.queue.core.windows.net", "AzureWebJobsStorage:queueServiceUri must be an absolute https URI")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.windows.net", "AzureWebJobsStorage:blobServiceUri is required")]
    public void AnUnusableSettingIsNamed(string key, string value, string expected) =>
        Assert.Contains(Errors(Bind(new() { [key] = value })), error => error.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void AnUnknownCredentialIsNamed() =>
        Assert.Contains("AzureWebJobsStorage:credential must be 'managedidentity' or unset (DefaultAzureCredential).", Errors(Bind(new()
        {
            ["AzureWebJobsStorage:accountName"] = "acct",
            ["AzureWebJobsStorage:credential"] = "connectionstring",
        })));

    [Fact]
    public void DevelopmentStorageIsAConnectionString() =>
        Assert.Empty(Errors(Bind(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })));

    private static AzureStorageOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new AzureStorageOptions();
        AzureStorageOptions.Bind(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return options;
    }

    private static List<string> Errors(AzureStorageOptions options) =>
        [.. options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage!)];
}
