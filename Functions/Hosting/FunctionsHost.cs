namespace Sift.Hosting;

/// <summary>Whether the process runs with a function app's settings.</summary>
public static class FunctionsHost
{
    /// <summary>An app setting of every function app (<c>dotnet-isolated</c> for Sift, locally and on Flex Consumption).</summary>
    public const string WorkerRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";

    /// <summary>
    /// The process runs with a function app's settings, started by the host or not: its console
    /// output may become logs, so nothing secret may be printed there.
    /// </summary>
    public static bool HasFunctionAppSettings(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[WorkerRuntimeSetting]);
}
