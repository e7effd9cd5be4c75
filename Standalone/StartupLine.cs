using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sift.Security;

namespace Sift.Hosting;

/// <summary>
/// Once Sift listens, one line on the console says where: the web app, the API, and the admin key when this start
/// generated it (the only time it is shown). A wildcard address is shown as localhost, where a browser on this machine finds it.
/// With JSON console logs (read by machines, one JSON object a line) the line is written only when it carries a new key,
/// which must reach a person and never the logs.
/// </summary>
public static class StartupLine
{
    public static WebApplication PrintStartupLine(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var console = app.Services.GetRequiredService<AdminKeyConsole>();
            if (console.Generated is null && string.Equals(app.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            console.Writer.WriteLine(Text(Address(app), console.Generated));
            console.Writer.Flush();
            console.Generated = null;
        });
        return app;
    }

    public static string Text(string address, string? generatedKey) =>
        $"Sift is at {address}/ (web app); API at {address}/api"
        + (generatedKey is null ? "" : $"; admin key: {generatedKey} (shown this once: keep it, send it as X-Api-Key)");

    private static string Address(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? StandaloneHost.DefaultUrl;
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
