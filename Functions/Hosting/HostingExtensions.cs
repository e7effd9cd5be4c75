using Sift.Storage;

namespace Sift.Hosting;

public static class HostingExtensions
{
    /// <summary>Health checks with this tag run only for <c>/api/health/ready</c>, which also asks the outside world (Telegram).</summary>
    public const string ReadyTag = "ready";

    /// <summary>host.json's queue settings: the host (or the standalone runner) decodes messages as they say, so Sift's Azure queue encodes them the same way.</summary>
    public static IHostApplicationBuilder AddTriggers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => QueueHostOptions.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json")));
        builder.Services.AddOptions<AzureStorageOptions>().Configure<QueueHostOptions>((azure, host) => azure.Base64Messages = host.Base64Messages);
        return builder;
    }
}
