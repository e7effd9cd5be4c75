using Microsoft.Extensions.Options;
using Sift.Hosting;

namespace Sift.Security;

/// <summary>Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinBootstrapKeyLength = 32;

    /// <summary>When set, this key is an admin key. Only its SHA-256 hash is stored; changing it revokes the previous one.</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>
/// A bootstrap key must be long enough to resist guessing, and under the Functions host it must be
/// configured: stdout becomes logs there, so a generated key must never be printed.
/// </summary>
internal sealed class AuthOptionsValidation(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.BootstrapAdminKey))
        {
            return FunctionsHost.HasFunctionAppSettings(configuration)
                ? ValidateOptionsResult.Fail("Auth:BootstrapAdminKey must be set under the Functions host (no key is generated there, since its console output becomes logs).")
                : ValidateOptionsResult.Success;
        }

        return options.BootstrapAdminKey.Length < AuthOptions.MinBootstrapKeyLength
            ? ValidateOptionsResult.Fail($"Auth:BootstrapAdminKey must be at least {AuthOptions.MinBootstrapKeyLength} characters (e.g. `openssl rand -base64 32`).")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Where a generated admin key is shown: the console in production, a writer of its own in tests.</summary>
public sealed record AdminKeyConsole(TextWriter Writer);

/// <summary>
/// Makes sure an admin key exists: the configured bootstrap key (revoking the one configured
/// before it), or on a standalone start without any admin key a generated one that is printed
/// once and stored only as its hash.
/// </summary>
internal sealed partial class AdminKeyBootstrap(ApiKeyStore keys, IOptions<AuthOptions> options, AdminKeyConsole console, ILogger<AdminKeyBootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keys.UpgradeEarlierKeysAsync(cancellationToken);
        if (options.Value.BootstrapAdminKey is { Length: > 0 } configured)
        {
            await keys.EnsureBootstrapAsync(configured, cancellationToken);
            return;
        }

        if (await keys.AnyAdminAsync(cancellationToken))
        {
            return;
        }

        var key = await keys.CreateGeneratedAdminAsync(cancellationToken);
        // Written to the console, never to the logs: this is the only time the key is shown.
        await console.Writer.WriteLineAsync($"""

            ==================================================================
             Sift generated an admin API key. It is shown once; keep it safe.
             X-Api-Key: {key}
            ==================================================================

            """);
        await console.Writer.FlushAsync(cancellationToken);
        LogGenerated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin API key was configured (Auth:BootstrapAdminKey); one was generated and printed to the console once")]
    private static partial void LogGenerated(ILogger logger);
}
