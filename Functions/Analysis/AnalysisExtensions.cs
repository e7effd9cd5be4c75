using Sift.Analysis.Offline;
using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Analysis;

public static class AnalysisExtensions
{
    /// <summary>The offline analyzer serves every model purpose by default.</summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEmbedder, HashingEmbedder>();
        builder.Services.AddSingleton<ITopicClassifier, OfflineTopicClassifier>();
        builder.Services.AddScoped<MessageAnalyzer>();
        builder.Services.AddQueueFunction<AnalyzeMessage, AnalyzeMessageRequest>("AnalyzeMessage", AnalyzeMessageRequest.Queue);
        builder.Services.AddOrchestrator<Reanalysis>(Reanalysis.Name, Reanalysis.Count);
        builder.Services.AddSingleton<IKnowledgeExtractor, OfflineKnowledgeExtractor>();
        return builder;
    }
}
