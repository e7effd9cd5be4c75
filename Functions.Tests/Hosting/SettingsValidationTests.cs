using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Secrets:Key", "too-short")]
    [InlineData("Secrets:Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://api.telegram.org")]
    [InlineData("Telegram:PublicBaseUrl", "not a url")]
    [InlineData("Telegram:RequestTimeout", "-00:00:01")]
    [InlineData("Triggers:MessageLease", "00:00:00")]
    [InlineData("Triggers:MessageLease", "soon")]
    [InlineData("Triggers:DrainTimeout", "-00:00:01")]
    [InlineData("Storage:Path", " ")]
    public async Task BadSettingFailsStartupNamingIt(string setting, string value)
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(setting, error.ToString());
    }
}
