using Sift.Messages;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Tests.Telegram;

namespace Sift.Tests.Telegram.Mapping;

public class MediaMappingTests
{
    [Fact]
    public void PhotoUsesLargestSize()
    {
        var message = MapBody(Contents["photo"]);

        Assert.Equal(new MediaInfo("photo-l", "photo-ul", FileSize: 120000, Width: 1280, Height: 960), message.Media);
    }

    [Fact]
    public void PhotoUsesLargestAreaWhateverTheOrder()
    {
        var message = MapBody("""
            "photo": [
              {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 720},
              {"file_id": "small", "file_unique_id": "s", "width": 320, "height": 180}
            ]
            """);

        Assert.Equal("big", message.Media?.FileId);
    }

    [Fact]
    public void AnimationIsNotMappedAsDocument()
    {
        var message = MapBody(Contents["animation"]);

        Assert.Equal(MessageKind.Animation, message.Kind);
        Assert.Equal(new MediaInfo("anim-1", "anim-u1", "cat.gif.mp4", "video/mp4", 150000, 480, 270, 3), message.Media);
    }

    [Theory]
    [InlineData("video", "video-1", "video-u1", "clip.mp4", "video/mp4", 5242880L, 1920, 1080, 12)]
    [InlineData("video_note", "note-1", "note-u1", null, null, 300000L, 384, 384, 8)]
    [InlineData("document", "doc-1", "doc-u1", "report.pdf", "application/pdf", 48213L, null, null, null)]
    [InlineData("sticker", "sticker-1", "sticker-u1", null, null, 21000L, 512, 512, null)]
    [InlineData("voice", "voice-1", "voice-u1", null, "audio/ogg", 8000L, null, null, 5)]
    [InlineData("audio", "audio-1", "audio-u1", "song.mp3", "audio/mpeg", 3500000L, null, null, 215)]
    public void MediaCarriesFileDetails(
        string content, string fileId, string uniqueId, string? fileName, string? mimeType, long? size, int? width, int? height, int? duration)
    {
        var message = MapBody(Contents[content]);

        Assert.Equal(new MediaInfo(fileId, uniqueId, fileName, mimeType, size, width, height, duration), message.Media);
    }

    [Fact]
    public void FileSizeAboveTwoGigabytesFits() =>
        Assert.Equal(4_000_000_000L, MapBody("""
            "document": {"file_name": "disk.img", "file_id": "d", "file_unique_id": "u", "file_size": 4000000000}
            """).Media?.FileSize);

    [Fact]
    public void MediaWithoutFileIdIsNotStoredAsMedia()
    {
        var message = MapBody(""" "document": {"file_name": "ghost.txt"} """);

        Assert.Equal(MessageKind.Document, message.Kind);
        Assert.Null(message.Media);
    }
}
