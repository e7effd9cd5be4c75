var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok());
app.MapPost("/api/telegram/webhook/{botId}", async (HttpRequest request) =>
{
    await request.Body.CopyToAsync(Stream.Null);
    return Results.Ok();
});
app.Run();
