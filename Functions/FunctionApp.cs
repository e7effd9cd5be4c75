using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Sift.Hosting;
using Sift.Storage;

namespace Sift;

/// <summary>The isolated worker the Azure Functions host starts (worker.config.json); <c>Standalone/</c> runs the same functions without the host.</summary>
internal static class FunctionApp
{
    public static Task<int> Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddSift();
        // Bindings (queue messages, activity inputs and outputs, Durable's data) read and write JSON as the API does.
        builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(SiftJson.Options));
        builder.UseMiddleware<WorkerPolicy>();
        return builder.Build().RunCheckedAsync();
    }
}
