using Sift.Storage;

namespace Sift.Tests.Storage;

/// <summary>
/// What every adapter of the upload port does (IUploadStore.cs), run against each: document
/// chunks in a temporary SQLite store, and Blob storage on Azurite.
/// </summary>
public abstract class UploadStoreContract
{
    private const int MiB = 1024 * 1024;

    protected abstract IUploadStore Uploads { get; }

    /// <summary>How many pieces of uploads (chunks, blobs, staged blocks) the storage holds, finished or still being written.</summary>
    protected abstract Task<int> PiecesStoredAsync();

    [Fact]
    public async Task WhatWasSavedReadsBackWhole()
    {
        var content = Content(2 * MiB + 12345);

        var saved = await Uploads.SaveAsync(new MemoryStream(content), 10 * MiB, default);

        Assert.Equal(content.Length, saved.Length);
        Assert.Equal(content, await ReadAsync(saved.Id, 0));
    }

    [Fact]
    public async Task ReadingFromAPositionInsideABlockReadsFromThatByte()
    {
        var content = Content(3 * MiB);
        var saved = await Uploads.SaveAsync(new MemoryStream(content), 10 * MiB, default);
        var position = MiB + 4321;

        Assert.Equal(content[position..], await ReadAsync(saved.Id, position));
    }

    [Fact]
    public async Task ContentOverTheLimitIsRefusedAndNothingOfItIsKept()
    {
        var before = await PiecesStoredAsync();

        var error = await Assert.ThrowsAsync<UploadTooLargeException>(() => Uploads.SaveAsync(new MemoryStream(Content(3 * MiB)), 2 * MiB + 1, default));

        Assert.Equal(2 * MiB + 1, error.LimitBytes);
        Assert.Equal(before, await PiecesStoredAsync());
    }

    [Fact]
    public async Task ContentExactlyAtTheLimitIsKept()
    {
        var saved = await Uploads.SaveAsync(new MemoryStream(Content(MiB)), MiB, default);

        Assert.Equal(MiB, saved.Length);
    }

    [Fact]
    public async Task ADeletedUploadIsNotFoundAndDeletingItAgainDoesNothing()
    {
        var saved = await Uploads.SaveAsync(new MemoryStream(Content(1000)), MiB, default);

        await Uploads.DeleteAsync(saved.Id, default);
        await Uploads.DeleteAsync(saved.Id, default);

        await Assert.ThrowsAsync<FileNotFoundException>(() => ReadAsync(saved.Id, 0));
        await Assert.ThrowsAsync<FileNotFoundException>(() => ReadAsync(Guid.NewGuid().ToString("N"), 0));
    }

    [Fact]
    public async Task ALargeUploadIsStoredWhileItIsStillArriving()
    {
        var before = await PiecesStoredAsync();
        var source = new ArrivingStream(6 * MiB, pauseAt: 4 * MiB, until: async () =>
        {
            // Holding the whole file before writing it would leave storage untouched here for good.
            for (var attempt = 0; attempt < 200 && await PiecesStoredAsync() == before; attempt++)
            {
                await Task.Delay(50);
            }

            Assert.True(await PiecesStoredAsync() > before, "nothing was stored after 4 MiB of 6 had arrived: the upload is buffered whole");
        });

        var saved = await Uploads.SaveAsync(source, 10 * MiB, default);

        Assert.Equal(6 * MiB, saved.Length);
    }

    private async Task<byte[]> ReadAsync(string id, long position)
    {
        await using var stream = await Uploads.OpenReadAsync(id, position, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static byte[] Content(int length)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);
        return content;
    }

    /// <summary>Bytes that arrive like a request body: generated, never all in memory, and halted at <c>pauseAt</c> until <c>until</c> completes.</summary>
    private sealed class ArrivingStream(long length, long pauseAt, Func<Task> until) : ForwardOnlyStream
    {
        private long position;
        private bool paused;


        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= pauseAt && !paused)
            {
                paused = true;
                await until();
            }

            var count = (int)Math.Min(buffer.Length, (position < pauseAt ? pauseAt : length) - position);
            buffer.Span[..count].Fill((byte)(position % 251));
            position += count;
            return count;
        }
    }
}
