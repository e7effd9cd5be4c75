using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

public sealed record RegisterBotRequest([property: System.ComponentModel.DataAnnotations.Required] string? Token);

public static class TelegramEndpoints
{
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The token is in every Bot API URL: no HTTP logging for this client.
        builder.Services.AddHttpClient<TelegramBotApi>().RemoveAllLoggers();
        builder.Services.AddCollection(new CollectionDefinition(BotRegistry.Collection));
        builder.Services.AddCollection(new CollectionDefinition(UpdatePayload.Collection));
        // Scoped, like everything that holds a typed HttpClient, so handlers rotate as IHttpClientFactory intends.
        builder.Services.AddScoped<BotRegistry>();
        builder.Services.AddSingleton<IProtectedSecrets>(new ProtectedField<BotDocument>(BotRegistry.Collection, BotRegistry.Partition,
            b => BotRegistry.Id(b.Id), b => BotRegistry.TokenBinding(b.Id), b => b.ProtectedToken, (b, value) => b with { ProtectedToken = value }));
        builder.Services.AddSingleton<BotDirectory>();
        builder.Services.AddSingleton<TelegramMetrics>();
        builder.Services.AddScoped<WebhookMonitor>();
        builder.Services.AddHealthChecks().AddCheck<WebhookHealthCheck>("telegram-webhooks", tags: [HostingExtensions.ReadyTag]);
        builder.Services.AddHttpFunction("TelegramWebhook", "telegram/webhook/{botId}", "POST");
        builder.Services.AddQueueFunction<ProcessTelegramUpdate, TelegramUpdateMessage>("ProcessTelegramUpdate", TelegramUpdateMessage.Queue);
        return builder;
    }

    public static RouteGroupBuilder MapTelegram(this IEndpointRouteBuilder app)
    {
        // Telegram calls it, authenticated by the bot's secret header instead of an API key; the body is read raw.
        // It short-circuits at routing: authentication, authorization and rate limits have nothing to do for it.
        app.MapPost("/api/telegram/webhook/{botId}", TelegramWebhook.AcceptAsync).AllowAnonymous().WithTags("Telegram")
            .WithSummary("Receives a Telegram update")
            .WithDescription($"Telegram sends each update here with the bot's webhook secret in {TelegramWebhook.SecretHeader}; it is queued and answered with 200.")
            .DescribesJsonBody("A Telegram Bot API Update object.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ShortCircuit();

        var bots = app.MapGroup("/api/bots").WithTags("Bots").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        bots.MapPost("/", RegisterBotAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status502BadGateway);
        bots.MapGet("/", ListBotsAsync);
        bots.MapGet("/{id:long}", GetBotAsync).ProducesProblem(StatusCodes.Status404NotFound);
        bots.MapDelete("/{id:long}", DeleteBotAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        return bots;
    }

    private static async Task<Results<Created<BotResponse>, Ok<BotResponse>>> RegisterBotAsync(RegisterBotRequest request, BotRegistry bots, CancellationToken cancellationToken)
    {
        var (bot, created, secret) = await bots.RegisterAsync(request.Token, cancellationToken);
        var response = BotResponse.From(bot) with { WebhookSecret = secret };
        return created ? TypedResults.Created($"/api/bots/{bot.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<Page<BotResponse>>> ListBotsAsync(BotRegistry bots, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await bots.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<BotResponse>(page.Items.Select(BotResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<BotResponse>> GetBotAsync(long id, BotRegistry bots, CancellationToken cancellationToken) =>
        TypedResults.Ok(BotResponse.From(await bots.GetAsync(id, cancellationToken)));

    private static async Task<NoContent> DeleteBotAsync(long id, BotRegistry bots, CancellationToken cancellationToken)
    {
        await bots.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
