using System.Text.Json;

namespace Sift.Hosting;

/// <summary>
/// Writes <c>{Function}/function.json</c> for every catalog entry, so a published folder is a
/// complete function app. Run after publish as <c>dotnet Functions.dll --write-function-metadata &lt;dir&gt;</c>
/// (Functions.csproj), from the built app itself, since the catalog lives in its registrations.
/// The binding fields follow the Functions docs (learn.microsoft.com/azure/azure-functions/):
/// functions-bindings-storage-queue-trigger (type, direction, name, queueName, connection),
/// functions-bindings-timer (schedule; <c>%Setting%</c> is resolved from app settings) and
/// functions-bindings-http-webhook-trigger (authLevel, route under host.json's routePrefix, methods)
/// with an <c>http</c> output; functions-custom-handlers: a function with only those two is proxied as
/// the raw request (enableProxyingHttpRequest), as the host's FunctionMetadataExtensions.IsHttpInAndOutFunction checks.
/// </summary>
public static class FunctionMetadata
{
    public const string Argument = "--write-function-metadata";

    /// <summary>The binding names the invocation's Data is keyed by (<see cref="CustomHandlerInvocation"/>).</summary>
    public const string QueueBinding = "message";
    public const string TimerBinding = "timer";

    /// <summary>The setting the queue bindings read their connection from, as the host does by default.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>When <paramref name="args"/> ask for it, writes the files and returns true: the app is not to run.</summary>
    public static bool WriteFunctionMetadata(this WebApplication app, string[] args)
    {
        var at = Array.IndexOf(args, Argument);
        if (at < 0)
        {
            return false;
        }

        if (at + 1 >= args.Length)
        {
            throw new ArgumentException($"{Argument} needs the folder of the published app.", nameof(args));
        }

        Write(args[at + 1], app.Services.GetServices<FunctionDefinition>());
        return true;
    }

    public static void Write(string directory, IEnumerable<FunctionDefinition> catalog)
    {
        foreach (var function in catalog)
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, function.Name));
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), JsonSerializer.Serialize(new { bindings = Bindings(function) }, Indented));
        }
    }

    private static object[] Bindings(FunctionDefinition function) => function.Trigger switch
    {
        // Anonymous: Sift checks API keys and webhook secrets itself.
        HttpTrigger http =>
        [
            new { type = "httpTrigger", direction = "in", name = "req", authLevel = "anonymous", route = http.Route, methods = http.Methods },
            new { type = "http", direction = "out", name = "res" },
        ],
        QueueTrigger queue => [new { type = "queueTrigger", direction = "in", name = QueueBinding, queueName = queue.QueueName, connection = StorageConnection }],
        TimerTrigger timer => [new { type = "timerTrigger", direction = "in", name = TimerBinding, schedule = $"%{timer.ScheduleSetting}%" }],
        _ => throw new InvalidOperationException($"{function.Name} has a trigger function.json cannot describe."),
    };
}
