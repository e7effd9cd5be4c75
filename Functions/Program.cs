using Sift.Analysis;
using Sift.Api;
using Sift.Hosting;
using Sift.Ingestion;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Queues;
using Sift.Security;
using Sift.Storage;
using Sift.Telegram;

var builder = WebApplication.CreateBuilder(args);
builder.AddHosting();
builder.AddTelemetry();
builder.AddApi();
builder.AddStorage();
builder.AddSecurity();
builder.AddTriggers();
builder.AddMessages();
builder.AddTelegram();
builder.AddOrchestration();
builder.AddIngestion();
builder.AddAnalysis();
builder.AddKnowledge();

var app = builder.Build();
// Run after publish: writes each function's function.json from the catalog instead of serving.
if (app.WriteFunctionMetadata(args))
{
    return 0;
}

app.UseApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits();
app.MapHealth();
app.MapTelegram();
app.MapMessages();
app.MapOrchestrations();
app.MapSources();
app.MapKnowledge();
app.MapQueues();
app.MapKeys();
app.MapCustomHandler();
// A bad setting ends the process with exit code 1 and one line naming it.
return await app.RunCheckedAsync();

/// <summary>Visible to the test project's WebApplicationFactory.</summary>
public partial class Program;
