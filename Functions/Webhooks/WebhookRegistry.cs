using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Webhooks;

/// <summary>A registered receiver. Its signing secret is stored only encrypted (<see cref="SecretProtector"/>), bound to this document.</summary>
public sealed record WebhookDocument(string Id, string Url, IReadOnlyList<WebhookEvent> Events, string ProtectedSecret, string SecretMasked, DateTimeOffset CreatedAt);

/// <summary>
/// Registers webhooks. A URL must be https and reach a public address (as feeds and model calls must, see
/// <see cref="OutboundConnections"/>), unless <c>Webhooks:AllowPrivateAddresses</c>, which also admits plain
/// http to loopback. The address is checked here, to answer a mistake with a 400, and again at every connection.
/// </summary>
public sealed class WebhookRegistry(IDocumentStore store, SecretProtector secrets, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string Collection = "webhooks";
    public const string Partition = "webhooks";
    public const int MaxUrlLength = 2000;

    public static SecretBinding SecretBinding(string id) => new(Collection, id, "protectedSecret");

    /// <returns>The webhook and its signing secret, which is never shown again.</returns>
    public async Task<(WebhookDocument Webhook, string Secret)> CreateAsync(CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var url = await CheckUrlAsync(request.Url, errors, cancellationToken);
        var events = WebhookEvents.Check(request.Events, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if (await store.CountAsync(Collection, new DocumentQuery { Partition = Partition }, cancellationToken) >= options.Value.MaxWebhooks)
        {
            throw new ConflictException($"At most {options.Value.MaxWebhooks} webhooks may be registered (Webhooks:MaxWebhooks); delete one first.");
        }

        var id = "wh" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = "whsec_" + SecretProtector.NewSecret();
        var webhook = new WebhookDocument(id, url!.AbsoluteUri, events, secrets.Protect(secret, SecretBinding(id)), SecretProtector.Mask(secret), clock.GetUtcNow());
        await store.CreateAsync(Collection, Partition, id, webhook, cancellationToken);
        return (webhook, secret);
    }

    public async Task<WebhookDocument?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<WebhookDocument>(Collection, Partition, id, cancellationToken))?.Value;

    public async Task<WebhookDocument> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No webhook '{ProblemTitles.Echo(id)}' is registered.");

    public Task<Page<WebhookDocument>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<WebhookDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Removes the webhook; deliveries still queued for it are dropped, its delivery log stays.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(Collection, Partition, id, cancellationToken))
        {
            throw new NotFoundException($"No webhook '{ProblemTitles.Echo(id)}' is registered.");
        }
    }

    public string Secret(WebhookDocument webhook) => secrets.Unprotect(webhook.ProtectedSecret, SecretBinding(webhook.Id));

    private async Task<Uri?> CheckUrlAsync(string? text, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var allowPrivate = options.Value.AllowPrivateAddresses;
        if (text is null || text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors["url"] = [$"url must be an absolute https URL of at most {MaxUrlLength} characters."];
            return null;
        }

        if (url.Scheme == "http" && !(allowPrivate && url.IsLoopback))
        {
            errors["url"] = [$"url must be https (plain http only to loopback, and only when {WebhookOptions.AllowPrivateAddressesSetting} is true)."];
        }
        else if (url.UserInfo.Length > 0)
        {
            errors["url"] = ["url must not carry a user name or password: receivers verify the X-Sift-Signature header instead."];
        }
        else if (!allowPrivate && await ResolvesOnlyInternallyAsync(url.IdnHost, cancellationToken) is { } refusal)
        {
            errors["url"] = [refusal];
        }

        return url;
    }

    /// <returns>Why the host is refused, or null when it has a public address.</returns>
    private static async Task<string?> ResolvesOnlyInternallyAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] resolved;
        try
        {
            resolved = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            resolved = [];
        }

        return resolved.Length == 0 ? $"url's host {ProblemTitles.Echo(host)} resolves to no address."
            : resolved.All(PublicAddresses.IsInternal) ? $"url's host {ProblemTitles.Echo(host)} is not a public address ({WebhookOptions.AllowPrivateAddressesSetting} is false)."
            : null;
    }
}
