using System.Text.Json;
using Sift.Llm;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

/// <summary>The model client's wire format and output handling: the real OpenAI SDK against a fake endpoint.</summary>
public sealed class ModelClientTests : IAsyncLifetime
{
    private FakeOpenAi fake = null!;

    public async Task InitializeAsync() => fake = await FakeOpenAi.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task OpenAiCompatibleCallSendsTheKeyAsBearerAndAStrictJsonSchema()
    {
        using var harness = new ModelClientHarness(fake);

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible());

        Assert.True(answer.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(1, answer.Calls);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ModelClientHarness.ApiKey}", request.Header("Authorization"));
        Assert.Equal("gpt-test", request.Body.GetProperty("model").GetString());
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("facts", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(0.2, request.Body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(300, request.Body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(new TokenUsage(fake.InputTokensSent, fake.OutputTokensSent), answer.Usage);
    }

    [Theory]
    [InlineData(ProviderType.OpenAiCompatible)]
    [InlineData(ProviderType.AzureOpenAi)]
    public async Task AModelServerOnAnInternalAddressIsNotCalledUnlessAllowed(ProviderType type)
    {
        using var harness = new ModelClientHarness(fake, options => options.AllowPrivateAddresses = false);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() =>
            harness.CompleteAsync(type == ProviderType.AzureOpenAi ? harness.Azure(apiKey: null) : harness.OpenAiCompatible()));

        Assert.Contains("refused: not a public address (Llm:Clients:AllowPrivateAddresses is false)", error.ToString());
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task AzureWithAnApiKeySendsItAsApiKeyHeaderToTheDeployment()
    {
        using var harness = new ModelClientHarness(fake);

        var answer = await harness.CompleteAsync(harness.Azure(ModelClientHarness.ApiKey));

        Assert.True(answer.Value.GetProperty("ok").GetBoolean());
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/openai/deployments/gpt4o-sift/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal(ModelClientHarness.ApiKey, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("json_schema", request.Body.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AzureWithoutAKeySendsAnEntraTokenAndAsksForItOnceAcrossCalls()
    {
        using var harness = new ModelClientHarness(fake);

        await harness.CompleteAsync(harness.Azure(apiKey: null));
        await harness.CompleteAsync(harness.Azure(apiKey: null));

        Assert.All(fake.Requests, request => Assert.Equal($"Bearer {FakeEntraCredential.Token}", request.Header("Authorization")));
        Assert.All(fake.Requests, request => Assert.Null(request.Header("api-key")));
        Assert.Equal(1, harness.Entra.Requests);
        Assert.Contains("https://cognitiveservices.azure.com/.default", harness.Entra.Scopes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EmbeddingsAskForFloatsAndReadFloatArraysAsServersLikeOllamaSendThem(bool floatArraysAlways)
    {
        fake.FloatArraysAlways = floatArraysAlways;
        using var harness = new ModelClientHarness(fake);
        string[] inputs = ["deploy failed", "откат помог"];

        var answer = await harness.Client.EmbedAsync(harness.OpenAiCompatible(), inputs, CancellationToken.None);

        Assert.Equal(inputs.Select(FakeOpenAi.VectorOf), answer.Value);
        Assert.Equal("float", Assert.Single(fake.Requests).Body.GetProperty("encoding_format").GetString());
    }

    [Theory]
    [InlineData(ProviderType.OpenAiCompatible, "/v1/embeddings")]
    [InlineData(ProviderType.AzureOpenAi, "/openai/deployments/gpt4o-sift/embeddings")]
    public async Task EmbeddingsReturnOneVectorPerInputInOrder(ProviderType type, string path)
    {
        using var harness = new ModelClientHarness(fake);
        var target = type == ProviderType.AzureOpenAi ? harness.Azure(ModelClientHarness.ApiKey) : harness.OpenAiCompatible();
        string[] inputs = ["deploy failed", "rollback done", "x"];

        var answer = await harness.Client.EmbedAsync(target, inputs, CancellationToken.None);

        Assert.Equal(inputs.Select(FakeOpenAi.VectorOf), answer.Value);
        Assert.Equal(new TokenUsage(FakeOpenAi.Tokens(inputs.Sum(i => i.Length)), 0), answer.Usage);
        Assert.Equal(path, Assert.Single(fake.Requests).Path);
    }

    [Fact]
    public async Task InvalidJsonIsAskedForOnceMoreWithTheReasonAndTheUsageOfBothCallsAddsUp()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenContent("Sure! Here are the facts: ok");

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible());

        Assert.True(answer.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(2, answer.Calls);
        var retry = fake.Requests.Last().Body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant", "user"], retry.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("not valid JSON", retry[^1].GetProperty("content").ToString(), StringComparison.Ordinal);
        Assert.Equal(new TokenUsage(fake.InputTokensSent, fake.OutputTokensSent), answer.Usage);
    }

    [Fact]
    public async Task AnswerTheValidatorRefusesIsAskedForAgainWithItsReason()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenContent("""{"ok":false}""");

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible(), value => value.GetProperty("ok").GetBoolean() ? null : "ok must be true");

        Assert.Equal(2, answer.Calls);
        Assert.Contains("ok must be true", fake.Requests.Last().Body.GetProperty("messages")[3].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidOutputTwiceThrowsWithTheUsageOfBothCalls()
    {
        using var harness = new ModelClientHarness(fake);
        fake.ThenContent("not json").ThenContent("still not json");

        var error = await Assert.ThrowsAsync<ModelOutputException>(() => harness.CompleteAsync(harness.OpenAiCompatible()));

        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(new TokenUsage(fake.InputTokensSent, fake.OutputTokensSent), error.Usage);
        Assert.True(error.Usage.InputTokens > 0 && error.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task AnswerCanBeComputedFromThePrompt()
    {
        using var harness = new ModelClientHarness(fake);
        fake.Respond = request => JsonSerializer.Serialize(new { ok = request.GetProperty("messages")[1].GetProperty("content").ToString().Contains("deploy", StringComparison.Ordinal) });

        var answer = await harness.CompleteAsync(harness.OpenAiCompatible());

        Assert.True(answer.Value.GetProperty("ok").GetBoolean());
    }
}
