using System.Reflection;
using System.Text.Json;
using Sift.Hosting;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>
/// <c>local.settings.sample.json</c> lists every setting Sift reads: every settable property of every
/// options class (a class with a <c>public const string Section</c>, found by reflection, so a new
/// one is checked without touching this test) and every timer's schedule setting, and nothing else
/// but the few settings the Functions host and the runtime read.
/// </summary>
public sealed class SettingsSampleTests
{
    private static readonly string[] HostSettings =
        ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "CosmosDb", "Logging__Console__FormatterName", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    [Fact]
    public void SampleListsEverySettingOfEveryOptionsClass()
    {
        var missing = OptionsSettings().Except(Listed(), StringComparer.Ordinal);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task SampleListsNothingSiftDoesNotRead()
    {
        await using var app = new SiftApp();
        var schedules = app.Get<IReadOnlyList<FunctionEntry>>().Where(f => f.Trigger.Type == "timerTrigger").Select(f => f.Trigger.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal));

        var unknown = Listed().Except(OptionsSettings().Concat(schedules).Concat(HostSettings), StringComparer.Ordinal);

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task SampleValuesAreValidSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json")));
        var settings = sample.RootElement.GetProperty("Values").EnumerateObject()
            .Where(p => p.Name.Contains("__", StringComparison.Ordinal) && p.Name is not ("Storage__Path" or "Auth__BootstrapAdminKey" or "Telegram__ApiBaseUrl"))
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        await using var app = new SiftApp(settings: settings);

        using var health = await app.CreateClient().GetAsync("/api/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void OptionsClassesAreFoundByTheirSectionConstant() =>
        Assert.Contains("Telegram__WebhookStaleAfter", OptionsSettings());

    private static IEnumerable<string> Listed()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    private static IEnumerable<string> OptionsSettings() =>
        from type in typeof(Program).Assembly.GetTypes().Concat(typeof(SiftServices).Assembly.GetTypes())
        let section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
        where section is { IsLiteral: true } && section.FieldType == typeof(string)
        from key in Keys(((string)section.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal), type)
        select key;

    /// <summary>The configuration keys a type binds, in the <c>Section__Key</c> form of the Values of local settings.</summary>
    private static IEnumerable<string> Keys(string prefix, Type type) =>
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
        let name = $"{prefix}__{property.Name}"
        from key in IsScalar(property.PropertyType) ? [name] : Keys(name, property.PropertyType)
        select key;

    private static bool IsScalar(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner.IsPrimitive || inner.IsEnum || inner == typeof(string) || inner == typeof(decimal) || inner == typeof(TimeSpan)
            || inner == typeof(Uri) || inner == typeof(DateTimeOffset);
    }
}
