using Microsoft.Azure.Cosmos;

namespace Sift.Storage;

/// <summary>Builds the one <see cref="CosmosClient"/> of the app from <see cref="CosmosOptions"/>.</summary>
internal static class CosmosClients
{
    /// <summary>The SDK retries a throttled (429) request this many times, waiting what the service asks, before the store sees the 429.</summary>
    public const int MaxRetryAttemptsOnRateLimitedRequests = 9;

    /// <summary>Upper bound of the total wait across those retries; a serverless account throttles in bursts, not for minutes.</summary>
    public static readonly TimeSpan MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(30);

    public static CosmosClient Create(CosmosOptions options)
    {
        var clientOptions = ClientOptions(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new CosmosClient(options.Endpoint().ToString(), AzureCredentials.From(options.Credential, options.ClientId), clientOptions)
            : new CosmosClient(options.ConnectionString, clientOptions);
    }

    /// <summary>
    /// Direct mode for an account in Azure. A loopback emulator gets Gateway mode (it speaks only
    /// the gateway protocol) and its self-signed certificate is accepted; certificate validation
    /// is never relaxed for any other endpoint.
    /// </summary>
    internal static CosmosClientOptions ClientOptions(CosmosOptions options)
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "sift",
            ConnectionMode = ConnectionMode.Direct,
            MaxRetryAttemptsOnRateLimitedRequests = MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = MaxRetryWaitTimeOnRateLimitedRequests,
            // Writes answer with headers only: the store already holds the document it wrote.
            EnableContentResponseOnWrite = false,
        };
        if (options.IsLoopback())
        {
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return clientOptions;
    }
}
