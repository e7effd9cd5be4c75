using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sift.Llm;

public static class LlmClientsExtensions
{
    /// <summary>The model client (<see cref="IModelClient"/>) and its providers' circuit states (<see cref="IModelCircuits"/>).</summary>
    public static IServiceCollection AddLlmClients(this IServiceCollection services)
    {
        services.AddOptions<ModelClientOptions>().BindConfiguration(ModelClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SdkClients>();
        services.AddSingleton<ProviderPipelines>();
        services.AddSingleton<IModelCircuits>(sp => sp.GetRequiredService<ProviderPipelines>());
        services.AddSingleton<IModelClient, OpenAiModelClient>();
        return services;
    }
}
