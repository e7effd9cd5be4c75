using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Sift.Hosting;

/// <summary>
/// Runs the app after checking what start-up would fail on (settings, the data directory, the
/// master key), so a bad setting ends the process with exit code 1 and one line on stderr naming
/// it, instead of an unhandled exception with a stack trace.
/// </summary>
public static class StartupCheck
{
    public const int BadSettingExitCode = 1;

    public static async Task<int> RunCheckedAsync(this IHost app)
    {
        try
        {
            // What ValidateOnStart registered, then every hosted service: constructing them opens the
            // store and resolves the key, which StartAsync would otherwise do while logging the failure
            // with its stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            _ = app.Services.GetServices<IHostedService>().ToList();
        }
        catch (Exception e) when (Describe(e, app.Services.GetRequiredService<IConfiguration>()) is { } line)
        {
            await Console.Error.WriteLineAsync(line);
            await ((IAsyncDisposable)app).DisposeAsync();
            return BadSettingExitCode;
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>One line naming the setting, or null for a failure that is not about settings (a bug: let it surface whole).</summary>
    internal static string? Describe(Exception error, IConfiguration configuration) => error switch
    {
        OptionsValidationException invalid => OneLine("Invalid settings: " + string.Join(" ", invalid.Failures)),
        AggregateException many => many.InnerExceptions.Select(e => Describe(e, configuration)).FirstOrDefault(line => line is not null),
        // The configuration binder names the key it cannot convert; the key resolution names Secrets:Key or its file.
        InvalidOperationException { InnerException: null or FormatException or InvalidCastException or OverflowException or ArgumentException } setting =>
            OneLine("Invalid settings: " + setting.Message),
        DbException or IOException or UnauthorizedAccessException =>
            OneLine($"Invalid settings: Storage:Path ('{configuration["Storage:Path"] ?? "./.sift"}') cannot hold the data: {error.Message}"),
        _ => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
