using Sift.Analysis;
using Sift.Api;
using Sift.Digests;
using Sift.Events;
using Sift.Hosting;
using Sift.Ingestion;
using Sift.Knowledge;
using Sift.Llm;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Queues;
using Sift.Search;
using Sift.Security;
using Sift.Storage;
using Sift.Telegram;
using Sift.Topics;
using Sift.Webhooks;

namespace Sift;

public static class SiftServices
{
    /// <summary>Everything Sift's functions use, the same under the Functions host and standalone.</summary>
    public static IHostApplicationBuilder AddSift(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.AddApi();
        builder.AddStorage();
        builder.AddSecurity();
        builder.AddTriggers();
        builder.AddEvents();
        builder.AddMessages();
        builder.AddTelegram();
        builder.AddOrchestration();
        builder.AddIngestion();
        builder.AddTopics();
        builder.AddAnalysis();
        builder.AddSearch();
        builder.AddKnowledge();
        builder.AddWebhooks();
        builder.AddDigests();
        builder.AddLlm();
        return builder;
    }
}
