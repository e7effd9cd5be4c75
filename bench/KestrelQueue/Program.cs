using System.Threading.Channels;
using Microsoft.Data.Sqlite;

// The least a durable accept path can do: read the body, queue it for the one writer, which commits
// whatever has piled up in one transaction (WAL, synchronous=FULL), and answer 200 once committed.
// No secret check, no parsing, no routing beyond one endpoint: what is left is Kestrel plus the commit.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var path = builder.Configuration["Database"] ?? Path.Combine(Path.GetTempPath(), $"kestrel-queue-{Environment.ProcessId}.db");
var connection = new SqliteConnection($"Data Source={path}");
connection.Open();
using (var setup = connection.CreateCommand())
{
    setup.CommandText = """
        PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
        CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, body TEXT NOT NULL, inserted_at INTEGER NOT NULL);
        """;
    setup.ExecuteNonQuery();
}

var pending = Channel.CreateBounded<(string Body, TaskCompletionSource Done)>(4096);
var insert = connection.CreateCommand();
insert.CommandText = "INSERT INTO messages (queue, body, inserted_at) VALUES ('telegram-updates', $body, $now)";
var body = insert.Parameters.Add("$body", SqliteType.Text);
var now = insert.Parameters.Add("$now", SqliteType.Integer);
_ = Task.Run(async () =>
{
    var batch = new List<(string Body, TaskCompletionSource Done)>();
    while (await pending.Reader.WaitToReadAsync())
    {
        while (batch.Count < 512 && pending.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        using (var transaction = connection.BeginTransaction())
        {
            insert.Transaction = transaction;
            foreach (var item in batch)
            {
                body.Value = item.Body;
                now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        batch.ForEach(item => item.Done.TrySetResult());
        batch.Clear();
    }
});

app.MapGet("/api/health", () => Results.Ok());
app.MapPost("/api/telegram/webhook/{botId}", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    await pending.Writer.WriteAsync((await reader.ReadToEndAsync(), done));
    await done.Task;
    return Results.Ok();
});
app.Run();
