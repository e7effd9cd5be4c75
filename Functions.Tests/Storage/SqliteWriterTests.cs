using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

public sealed class SqliteWriterTests
{
    [Fact]
    public async Task FullQueueMakesWritersWaitAndACancelledWaiterWritesNothing()
    {
        using var data = new TempDirectory();
        await using var writer = new SqliteWriter(new SqliteDatabase(Path.Combine(data.Path, "writer.db")), capacity: 2);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var written = new List<string>();
        var blocking = writer.WriteAsync(_ =>
        {
            entered.Set();
            release.Wait();
            return Note(written, "blocking");
        }, default);
        entered.Wait();
        var queued = new[] { writer.WriteAsync(_ => Note(written, "a"), default), writer.WriteAsync(_ => Note(written, "b"), default) };
        using var giveUp = new CancellationTokenSource();

        var waiting = writer.WriteAsync(_ => Note(written, "waiting"), giveUp.Token);
        await giveUp.CancelAsync();
        var cancelled = await Record.ExceptionAsync(() => waiting);
        var late = writer.WriteAsync(_ => Note(written, "late"), default);
        release.Set();
        await Task.WhenAll([blocking, .. queued, late]);

        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.Equal(["blocking", "a", "b", "late"], written);
    }

    private static string Note(List<string> written, string name)
    {
        written.Add(name);
        return name;
    }
}
