using Sift.Orchestration;
using Sift.Storage;

namespace Sift.Knowledge;

public static class KnowledgeExtensions
{
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisRunOptions>().BindConfiguration(AnalysisRunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(AtomDocument.Definition);
        builder.Services.AddCollection(ProposalDocument.Definition);
        builder.Services.AddSingleton<KnowledgeStore>();
        builder.Services.AddSingleton<ProposalExpansion>();
        builder.Services.AddSingleton<AnalysisRuns>();
        builder.Services.AddCollection(new CollectionDefinition(RunRecords.Collection));
        builder.Services.AddOrchestrator<AnalysisRunOrchestrator>(AnalysisRunOrchestrator.Name, "analysis-");
        builder.Services.AddActivity<SelectMessages>();
        builder.Services.AddActivity<PlanBatches>();
        builder.Services.AddActivity<ExtractBatch>();
        builder.Services.AddActivity<MergeAtoms>();
        builder.Services.AddActivity<StoreAtoms>();
        builder.Services.AddActivity<SummarizeRun>();
        builder.Services.AddActivity<ForgetRun>();
        return builder;
    }
}
