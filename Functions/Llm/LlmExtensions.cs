using Microsoft.Extensions.Options;
using Sift.Analysis;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>Language models: providers, agents, the agent directory, the usage ledger and the ready check.</summary>
public static class LlmExtensions
{
    public static IHostApplicationBuilder AddLlm(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(ProviderCatalog.Collection));
        builder.Services.AddCollection(AgentCatalog.Definition);
        builder.Services.AddCollection(UsageLedger.Definition);
        builder.Services.AddCollection(UsageLedger.RunDefinition);
        builder.Services.AddSingleton<AgentDirectory>();
        builder.Services.AddSingleton<IAgentDirectory>(services => services.GetRequiredService<AgentDirectory>());
        builder.Services.AddSingleton<ProviderCatalog>();
        builder.Services.AddSingleton<IProtectedSecrets>(new ProtectedField<ProviderDocument>(ProviderCatalog.Collection, ProviderCatalog.Partition,
            p => p.Id, p => ProviderCatalog.KeyBinding(p.Id), p => p.ProtectedApiKey, (p, value) => p with { ProtectedApiKey = value }));
        builder.Services.AddSingleton<AgentCatalog>();
        builder.Services.AddSingleton<IUsageLedger, UsageLedger>();
        builder.Services.AddSingleton<UsageReports>();
        builder.Services.AddLlmClients();
        builder.Services.AddSingleton(services => new ModelPrivacy(services.GetRequiredService<IOptions<LlmOptions>>().Value.ScrubUsernames));
        // Every purpose is served by the agent the settings name, or by the offline analyzer (the registered ports).
        builder.Services.AddSingleton<IModelPurposes, ModelPurposes>();
        builder.Services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm-providers", tags: [HostingExtensions.ReadyTag]);
        return builder;
    }
}
