using Sift.Analysis.Offline;

namespace Sift.Analysis;

public static class AnalysisExtensions
{
    /// <summary>The offline analyzer serves every model purpose by default.</summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEmbedder, HashingEmbedder>();
        builder.Services.AddSingleton<IKnowledgeExtractor, OfflineKnowledgeExtractor>();
        return builder;
    }
}
