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
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        builder.Services.AddSingleton(new AdminKeyConsole(Console.Out));
        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section)
            .Validate(options => string.IsNullOrWhiteSpace(options.Key) || SecretsOptions.TryParse(options.Key, out _),
                "Secrets:Key must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`).")
            // Instances share a Cosmos store, so a key generated into one instance's data directory would differ per instance.
            .Validate<IOptions<CosmosOptions>>((options, cosmos) => !cosmos.Value.IsConfigured || !string.IsNullOrWhiteSpace(options.Key),
                "Secrets:Key must be configured when the store is Cosmos DB (CosmosDb is set): every instance must seal and check with the same key.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => new SecretProtector(provider.GetRequiredService<IOptions<SecretsOptions>>().Value
            .ResolveKey(provider.GetRequiredService<IOptions<StorageOptions>>().Value)));
        builder.Services.AddEagerSingleton<SecretProtector>();
        builder.Services.AddSingleton(provider => new ContinuationProtection(provider.GetRequiredService<SecretProtector>().DeriveKey("sift/continuation")));
        builder.Services.AddMemoryCache();
        builder.Services.AddCollection(ApiKeyStore.Definition);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(RateLimiter.Definition);
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<FailedAuthentications>();
        // A stranger's request without a valid key is one Debug line (FailedAuthentications), not the handler's two Information lines.
        builder.Logging.AddFilter(typeof(ApiKeyAuthentication).FullName, LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authorization", LogLevel.Warning);
        builder.Services.AddHostedService<AdminKeyBootstrap>();
        builder.Services.AddHostedService<ProtectedSecretsUpgrade>();
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(DescribeApiKeyAsync).AddDocumentTransformer(DescribeRateLimitAsync));
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

    /// <summary>Every operation that needs a key is rate-limited (<see cref="RateLimits"/>), so each may answer 429.</summary>
    private static Task DescribeRateLimitAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).Where(operation => operation.Security is not { Count: 0 });
        foreach (var operation in operations)
        {
            operation.Responses ??= [];
            operation.Responses["429"] = new OpenApiResponse
            {
                Description = "Too many requests: this key spent its budget for the minute (RateLimits); Retry-After says when to come back.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) } },
            };
        }

        return Task.CompletedTask;
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
