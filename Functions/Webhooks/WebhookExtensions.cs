using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Webhooks;

public static class WebhookExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(WebhookRegistry.Collection));
        builder.Services.AddCollection(WebhookEvents.Definition);
        builder.Services.AddCollection(WebhookAttemptDocument.Definition);
        builder.Services.AddSingleton<WebhookRegistry>();
        builder.Services.AddSingleton<WebhookEvents>();
        builder.Services.AddSingleton<WebhookRetention>();
        // A receiver's URL may hold a token of its own: no HTTP logging. Each attempt has its own deadline (Webhooks:RequestTimeout).
        builder.Services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = OutboundConnections.Handler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses,
                    WebhookOptions.AllowPrivateAddressesSetting);
                // A redirected POST would become a GET, or carry the signed body elsewhere.
                handler.AllowAutoRedirect = false;
                return handler;
            })
            .RemoveAllLoggers();
        return builder;
    }
}
