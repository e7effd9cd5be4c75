using Sift;
using Sift.Api;
using Sift.Demo;
using Sift.Hosting;
using Sift.Security;

// Settings are validated once at start-up, so nothing reloads them: no file watchers, which on
// Linux watch every folder under the content root (a quarter of a second in a source tree). The
// content root is the app's folder, where appsettings.json, host.json and the web app are, from
// wherever it is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. DemoOptions.Expand(args), "--hostBuilder:reloadConfigOnChange=false"],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddSift();
builder.AddStandalone();

var app = builder.Build();
app.UseApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits();
app.MapHealth();
app.MapHttpFunctions();
// One line once it listens: where the web app and the API are, and a newly generated admin key.
app.PrintStartupLine();
// A bad setting ends the process with exit code 1 and one line naming it.
return await app.RunCheckedAsync();

/// <summary>Visible to the test project's WebApplicationFactory.</summary>
public partial class Program;
