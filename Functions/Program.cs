using Sift.Analysis;
using Sift.Api;
using Sift.Digests;
using Sift.Hosting;
using Sift.Ingestion;
using Sift.Knowledge;
using Sift.Llm;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Queues;
using Sift.Search;
using Sift.Security;
using Sift.Storage;
using Sift.Telegram;
using Sift.Topics;
using Sift.Web;

// Settings are validated once at start-up, so nothing reloads them: no file watchers, which on
// Linux watch every folder under the content root (a quarter of a second in a source tree).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
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
builder.AddTopics();
builder.AddAnalysis();
builder.AddSearch();
builder.AddKnowledge();
builder.AddDigests();
builder.AddLlm();

var app = builder.Build();
// Run after publish: writes each function's function.json from the catalog instead of serving.
if (app.WriteFunctionMetadata(args))
{
    return 0;
}

app.UseApi();
// The web app's files are public (the API it calls is not), so they are served before authentication.
app.UseWebApp();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits();
app.MapHealth();
app.MapHttpFunctions();
app.MapCustomHandler();
// A bad setting ends the process with exit code 1 and one line naming it.
return await app.RunCheckedAsync();

/// <summary>Visible to the test project's WebApplicationFactory.</summary>
public partial class Program;
