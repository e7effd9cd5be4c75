using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Security;

public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section)
            .Validate(options => string.IsNullOrWhiteSpace(options.Key) || SecretsOptions.TryParse(options.Key, out _),
                "Secrets:Key must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => new SecretProtector(provider.GetRequiredService<IOptions<SecretsOptions>>().Value
            .ResolveKey(provider.GetRequiredService<IOptions<StorageOptions>>().Value)));
        builder.Services.AddEagerSingleton<SecretProtector>();
        builder.Services.AddSingleton(provider => new ContinuationProtection(provider.GetRequiredService<SecretProtector>().DeriveKey("sift/continuation")));
        builder.Services.AddMemoryCache();
        builder.Services.AddCollection(new CollectionDefinition(ApiKeyStore.Collection));
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddHostedService<AdminKeyBootstrap>();
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(DescribeApiKeyAsync));
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        // Secure by default: every endpoint needs a key unless it says AllowAnonymous; groups name the least role they need.
        var authorization = builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
        }

        return builder;
    }

    private static Task DescribeApiKeyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.Header,
            Description = "An API key; the admin key is printed once on first start or set with Auth:BootstrapAdminKey.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}

/// <summary>
/// Makes sure an admin key exists: the configured bootstrap key, or on a first standalone start
/// a generated one that is printed once and stored only as its hash.
/// </summary>
internal sealed partial class AdminKeyBootstrap(ApiKeyStore keys, IOptions<AuthOptions> options, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapAdminKey is { Length: > 0 } configured)
        {
            await keys.SaveAsync(configured, "bootstrap-admin", Roles.Admin, cancellationToken);
            return;
        }

        if (await keys.AnyAsync(cancellationToken))
        {
            return;
        }

        var key = ApiKeyStore.Generate();
        await keys.SaveAsync(key, "admin", Roles.Admin, cancellationToken);
        // Written to the console, never to the logs: this is the only time the key is shown.
        Console.WriteLine($"""

            ==================================================================
             Sift generated an admin API key. It is shown once; keep it safe.
             X-Api-Key: {key}
            ==================================================================

            """);
        LogGenerated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin API key was configured (Auth:BootstrapAdminKey); one was generated and printed to the console once")]
    private static partial void LogGenerated(ILogger logger);
}
