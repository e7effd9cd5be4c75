using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Ingestion.Feeds;
using Sift.Ingestion.TelegramExport;
using Sift.Orchestration;
using Sift.Storage;

namespace Sift.Ingestion;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(Source.Collection));
        builder.Services.AddCollection(new CollectionDefinition(SourceCursor.Collection));
        // Scoped, like everything that holds a typed HttpClient, so handlers rotate as IHttpClientFactory intends.
        builder.Services.AddScoped<SourceRegistry>();
        builder.Services.AddScoped<ExportUploads>();
        // Each feed request has its own deadline over headers and body (Ingestion:FeedRequestTimeout), so the client has none.
        builder.Services.AddHttpClient<FeedIngester>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundConnections.Handler(provider.GetRequiredService<IOptions<IngestionOptions>>().Value.AllowPrivateAddresses, "Ingestion:AllowPrivateAddresses"));
        builder.Services.AddTransient<ISourceIngester>(provider => provider.GetRequiredService<FeedIngester>());
        builder.Services.AddTransient<ISourceIngester, PollingIngester>();
        builder.Services.AddTransient<ISourceIngester, ExportIngester>();
        builder.Services.AddOrchestrator<IngestionOrchestrator>(SourceRegistry.Orchestration, "ingest-");
        builder.Services.AddActivity<BeginIngestion>();
        builder.Services.AddActivity<ReadSourcePage>();
        builder.Services.AddActivity<FinishIngestion>();
        return builder;
    }
}
