using Sift.Storage;
using Sift.Analysis.Labels;
using Sift.Analysis.Offline;
using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Analysis;

public static class AnalysisExtensions
{
    /// <summary>
    /// The offline analyzer is registered as each model port: it serves every purpose unless a
    /// setting names an agent for it (<c>Llm/</c> registers <see cref="IModelPurposes"/>), and it is
    /// what messages that are not signal get.
    /// </summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEmbedder, HashingEmbedder>();
        builder.Services.AddSingleton<ITopicClassifier, OfflineTopicClassifier>();
        builder.Services.AddScoped<MessageAnalyzer>();
        builder.Services.AddCollection(LabelDocument.Definition);
        builder.Services.AddCollection(LabelMemory.Definition);
        builder.Services.AddSingleton<LabelMemory>();
        builder.Services.AddSingleton<Labelling>();
        builder.Services.AddOrchestrator<Reanalysis>(Reanalysis.Name, "reanalyze-");
        builder.Services.AddActivity<CountMessages>();
        builder.Services.AddActivity<ReanalyzePage>();
        builder.Services.AddSingleton<IKnowledgeExtractor, OfflineKnowledgeExtractor>();
        return builder;
    }
}
