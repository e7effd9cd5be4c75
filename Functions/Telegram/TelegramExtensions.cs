using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

public static class TelegramExtensions
{
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The token is in every Bot API URL: no HTTP logging for this client.
        builder.Services.AddHttpClient<TelegramBotApi>().RemoveAllLoggers();
        builder.Services.AddCollection(new CollectionDefinition(BotRegistry.Collection));
        builder.Services.AddCollection(new CollectionDefinition(UpdatePayload.Collection));
        // Scoped, like everything that holds a typed HttpClient, so handlers rotate as IHttpClientFactory intends.
        builder.Services.AddScoped<BotRegistry>();
        builder.Services.AddSingleton<IProtectedSecrets>(new ProtectedField<BotDocument>(BotRegistry.Collection, BotRegistry.Partition,
            b => BotRegistry.Id(b.Id), b => BotRegistry.TokenBinding(b.Id), b => b.ProtectedToken, (b, value) => b with { ProtectedToken = value }));
        builder.Services.AddSingleton<BotDirectory>();
        builder.Services.AddSingleton<TelegramMetrics>();
        builder.Services.AddScoped<WebhookMonitor>();
        builder.Services.AddHealthChecks().AddCheck<WebhookHealthCheck>("telegram-webhooks", tags: [HostingExtensions.ReadyTag]);
        return builder;
    }
}
