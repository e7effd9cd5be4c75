using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>
/// The queue contract on Azure Storage queues, against Azurite (one emulator for the class, a queue
/// name per test). Time passes for real here: the contract keeps its waits to a few seconds.
/// </summary>
public sealed class AzureQueueClientTests(AzuriteEmulator azurite) : QueueClientContract, IClassFixture<AzuriteEmulator>
{
    private readonly string suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly AzureQueueClient queues = new(
        new AzureStorageOptions { ConnectionString = azurite.ConnectionString }.QueueService(), TimeProvider.System, TimeSpan.FromMilliseconds(200));

    protected override IQueueClient Queues => queues;

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    /// <summary>Azure queue names are 3-63 lowercase letters, digits and single hyphens.</summary>
    protected override string Named(string queue) => $"{queue}-{suffix}";

    [Fact]
    public async Task MessagesAreBase64OnTheWireAsTheHostReadsThem()
    {
        var q = Named("wire");
        await queues.SendAsync(q, """{"text":"привет"}""", null, default);

        var raw = new AzureStorageOptions { ConnectionString = azurite.ConnectionString, Base64Messages = false }.QueueService().GetQueueClient(q);
        var peeked = Assert.Single((await raw.PeekMessagesAsync(1)).Value);

        Assert.Equal("""{"text":"привет"}""", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString())));
    }
}
