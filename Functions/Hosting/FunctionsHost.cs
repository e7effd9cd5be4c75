namespace Sift.Hosting;

/// <summary>The one place that decides whether Sift runs under the Azure Functions host.</summary>
public static class FunctionsHost
{
    /// <summary>Set by the host for the custom handler it starts: the port to listen on.</summary>
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>An app setting of every function app (<c>custom</c> for Sift, locally and on Flex Consumption).</summary>
    public const string WorkerRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";

    /// <summary>The host started this process: it drives the queue and timer functions, the standalone runners stay off.</summary>
    public static bool IsActive(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortSetting]);

    /// <summary>
    /// The process runs with a function app's settings, started by the host or not: its console
    /// output may become logs, so nothing secret may be printed there.
    /// </summary>
    public static bool HasFunctionAppSettings(IConfiguration configuration) =>
        IsActive(configuration) || !string.IsNullOrEmpty(configuration[WorkerRuntimeSetting]);
}
