using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>Request bodies are read strictly: no duplicate keys, no numbers in strings, no unknown or immutable fields.</summary>
public sealed class StrictJsonTests : IAsyncLifetime
{
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task DuplicateTokenKeyIs400AndRegistersNothing()
    {
        var token = telegram.AddBot(5551001, "dup_bot");

        using var response = await app.Api().PostAsync("/api/bots", Problems.Json($$"""{"token": "bad", "token": "{{token}}"}"""));

        var problem = await Problems.AssertAsync(response, 400);
        Assert.Equal("The field 'token' appears more than once.", problem.Detail());
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync());
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/bots")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"type": "feed", "name": "x", "url": "https://example.com/f", "intervalMinutes": "5"}""", "intervalMinutes must be a whole number.")]
    [InlineData("""{"type": "feed", "name": "x", "url": "https://example.com/f", "enabled": "false"}""", "enabled must be true or false.")]
    [InlineData("""{"type": "feed", "name": 5, "url": "https://example.com/f"}""", "name must be a string.")]
    [InlineData("""{"type": "feed", "name": "x", "url": "https://example.com/f", "colour": "red"}""", "Unknown field 'colour'.")]
    [InlineData("""[1, 2]""", "The body must be a JSON object.")]
    public async Task WrongFormsAreRefusedNamingTheFieldAndTheForm(string body, string detail)
    {
        using var response = await app.Api().PostAsync("/api/sources", Problems.Json(body));

        var problem = await Problems.AssertAsync(response, 400);
        Assert.Equal(detail, problem.Detail());
        Assert.DoesNotContain("Sift.", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/sources")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("type", "\"feed\"")]
    [InlineData("chatId", "42")]
    [InlineData("botId", "42")]
    public async Task ChangingAnImmutableFieldIsRefusedByName(string field, string value)
    {
        var id = await CreateSourceAsync();

        using var response = await app.Api().PatchAsync($"/api/sources/{id}", Problems.Json($$"""{"name": "Renamed", "{{field}}": {{value}}}"""));

        var problem = await Problems.AssertAsync(response, 400);
        Assert.Equal($"The field '{field}' cannot be changed.", problem.Detail());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("Blog", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownFieldInAChangeIsRefusedByName()
    {
        var id = await CreateSourceAsync();

        using var response = await app.Api().PatchAsync($"/api/sources/{id}", Problems.Json("""{"name": "Renamed", "foo": 1}"""));

        Assert.Equal("Unknown field 'foo'.", (await Problems.AssertAsync(response, 400)).Detail());
        Assert.Equal("Blog", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("name").GetString());
    }

    private async Task<string> CreateSourceAsync()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Blog", url = "https://example.com/feed.xml" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
