using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Analysis.Offline;
using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Analysis;

public static class AnalysisExtensions
{
    /// <summary>
    /// The offline analyzer is registered as each model port: it serves every purpose by default,
    /// and stays what a language-model setup falls back to and what messages that are not signal get.
    /// </summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEmbedder, HashingEmbedder>();
        builder.Services.AddSingleton<ITopicClassifier, OfflineTopicClassifier>();
        builder.Services.AddScoped<MessageAnalyzer>();
        builder.Services.AddQueueFunction<AnalyzeMessage, AnalyzeMessageRequest>("AnalyzeMessage", AnalyzeMessageRequest.Queue);
        builder.Services.AddOrchestrator<Reanalysis>(Reanalysis.Name, Reanalysis.Count);
        builder.Services.AddSingleton<IKnowledgeExtractor, OfflineKnowledgeExtractor>();
        builder.Services.TryAddSingleton<IModelPurposes, OfflinePurposes>();
        return builder;
    }
}
