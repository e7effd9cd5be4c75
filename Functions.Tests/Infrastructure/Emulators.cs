namespace Sift.Tests.Infrastructure;

/// <summary>
/// Azurite, the Azure Storage emulator, with blob, queue and table services in memory: a class fixture,
/// so each test class gets an emulator of its own.
/// </summary>
public sealed class AzuriteEmulator : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented by Azurite).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private NodeEmulator? emulator;

    /// <summary>A connection string as <c>AzureWebJobsStorage</c> takes it.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        emulator = await NodeEmulator.StartAsync(Path.Combine("azurite", "dist", "src", "azurite.js"), 3, ports =>
        [
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            "--inMemoryPersistence", "--skipApiVersionCheck", "--silent",
        ]);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{emulator.Ports[0]}/{Account};QueueEndpoint=http://127.0.0.1:{emulator.Ports[1]}/{Account};"
            + $"TableEndpoint=http://127.0.0.1:{emulator.Ports[2]}/{Account};";
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}

/// <summary>
/// cosmosdb-server, an in-memory Cosmos DB emulator (point operations and simple queries; what it
/// cannot emulate is listed by the tests that use it): a class fixture, one emulator per test class.
/// </summary>
public sealed class CosmosEmulator : IAsyncLifetime
{
    /// <summary>The Cosmos emulator's well-known key (public, documented by Microsoft); cosmosdb-server accepts any key.</summary>
    private const string AccountKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private NodeEmulator? emulator;

    /// <summary>A connection string as the <c>CosmosDb</c> setting takes it.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Through Emulators/cosmosdb-server.js, which closes two gaps the .NET SDK falls into (it says which).
        emulator = await NodeEmulator.StartAsync(Path.Combine("..", "cosmosdb-server.js"), 1, ports =>
            ["--host", "127.0.0.1", "--port", $"{ports[0]}"]);
        ConnectionString = $"AccountEndpoint=https://127.0.0.1:{emulator.Ports[0]}/;AccountKey={AccountKey};";
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
