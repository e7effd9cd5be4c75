using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Sift.Storage;

/// <summary>
/// The setting <c>AzureWebJobsStorage</c>, read exactly as the Functions host reads it for its queue
/// bindings: either a connection string (Azurite's <c>UseDevelopmentStorage=true</c> included) or the
/// identity form <c>AzureWebJobsStorage:queueServiceUri</c> + <c>:blobServiceUri</c> (or <c>:accountName</c>),
/// with <c>:credential=managedidentity</c> and <c>:clientId</c> choosing the identity. Unset: Sift keeps
/// its queues and uploads in the local store.
/// </summary>
public sealed class AzureStorageOptions : IValidatableObject
{
    public const string Setting = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }
    public string? QueueServiceUri { get; set; }
    public string? BlobServiceUri { get; set; }

    /// <summary>Durable's Azure Storage provider keeps instances in tables; unset, the queue URI's host with <c>.table.</c>.</summary>
    public string? TableServiceUri { get; set; }
    public string? AccountName { get; set; }
    public string? Credential { get; set; }
    public string? ClientId { get; set; }

    /// <summary>
    /// Whether message text is base64 (host.json's <c>extensions.queues.messageEncoding</c>, which Hosting
    /// copies here): the host decodes what Sift sends with the same rule.
    /// </summary>
    public bool Base64Messages { get; set; } = true;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(QueueServiceUri)
        || !string.IsNullOrWhiteSpace(BlobServiceUri) || !string.IsNullOrWhiteSpace(AccountName);

    /// <summary>The section has a value of its own (the connection string) and children (the identity form).</summary>
    public static void Bind(AzureStorageOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        options.ConnectionString = section.Value;
        options.QueueServiceUri = section["queueServiceUri"];
        options.BlobServiceUri = section["blobServiceUri"];
        options.TableServiceUri = section["tableServiceUri"];
        options.AccountName = section["accountName"];
        options.Credential = section["credential"];
        options.ClientId = section["clientId"];
    }

    public QueueServiceClient QueueService()
    {
        var options = Configure(new QueueClientOptions { MessageEncoding = Base64Messages ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None });
        return string.IsNullOrWhiteSpace(ConnectionString)
            ? new QueueServiceClient(ServiceUri(QueueServiceUri, "queue"), AzureCredentials.From(Credential, ClientId), options)
            : new QueueServiceClient(ConnectionString, options);
    }

    public BlobServiceClient BlobService()
    {
        var options = Configure(new BlobClientOptions());
        return string.IsNullOrWhiteSpace(ConnectionString)
            ? new BlobServiceClient(ServiceUri(BlobServiceUri, "blob"), AzureCredentials.From(Credential, ClientId), options)
            : new BlobServiceClient(ConnectionString, options);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            // The clients parse the string without calling out; its text is a secret, so the message leaves it out.
            if (!Parses(() => new QueueServiceClient(ConnectionString)) || !Parses(() => new BlobServiceClient(ConnectionString)))
            {
                yield return new ValidationResult($"{Setting} is not a storage connection string with queue and blob endpoints.", [nameof(ConnectionString)]);
            }

            yield break;
        }

        foreach (var (key, value, service) in new[] { ("queueServiceUri", QueueServiceUri, "queue"), ("blobServiceUri", BlobServiceUri, "blob") })
        {
            if (string.IsNullOrWhiteSpace(value) && string.IsNullOrWhiteSpace(AccountName))
            {
                yield return new ValidationResult($"{Setting}:{key} is required (Sift keeps its {service}s there), or {Setting}:accountName.", [key]);
            }
            else if (!string.IsNullOrWhiteSpace(value) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                yield return new ValidationResult($"{Setting}:{key} must be an absolute https URI, e.g. https://account.{service}.core.windows.net.", [key]);
            }
        }

        if (!AzureCredentials.IsValid(Credential))
        {
            yield return new ValidationResult($"{Setting}:credential must be 'managedidentity' or unset (DefaultAzureCredential).", [nameof(Credential)]);
        }
    }

    /// <summary>Retries are the SDK's own (no second pipeline around it): exponential, a few attempts, each with a network timeout.</summary>
    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    private Uri ServiceUri(string? uri, string service) =>
        new(string.IsNullOrWhiteSpace(uri) ? $"https://{AccountName}.{service}.core.windows.net" : uri);

    private static bool Parses(Func<object> create)
    {
        try
        {
            create();
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
