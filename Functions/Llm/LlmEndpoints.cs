using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>Language models: providers, agents, the agent directory, the usage ledger and the ready check.</summary>
public static class LlmEndpoints
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
        builder.Services.AddSingleton<AgentCatalog>();
        builder.Services.AddSingleton<IUsageLedger, UsageLedger>();
        builder.Services.AddSingleton<UsageReports>();
        // Until the model client registers its breakers: its AddSingleton wins whether it runs before or after this.
        builder.Services.TryAddSingleton<IModelCircuits, ClosedCircuits>();
        builder.Services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm-providers", tags: [HostingExtensions.ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapLlm(this IEndpointRouteBuilder app)
    {
        app.MapProviders();
        app.MapAgents();
        app.MapUsage();
        return app;
    }
}
