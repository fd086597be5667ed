using Chimera.Media;
using Chimera.Tests.Media;

namespace Chimera.Tests.Recording;

public sealed class ImageRecordingTests
{
    [Fact]
    public async Task SaveImage_WritesNumberedPngsAndTimestamps()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        using var first = TestImages.Noise(10, 6, PixelFormat.Rgb24);
        using var second = TestImages.Noise(3, 3, PixelFormat.Gray8);

        await ctx.SaveImageAsync("snap", first);
        first.Pixels.Clear(); // the recorder copied it
        ctx.SaveImage("snap", second);
        await fx.CloseAsync();

        using var decoded = PngCodec.Decode(File.ReadAllBytes(fx.NodeFile(Path.Combine("snap", "000001.png"))));
        using var expected = TestImages.Noise(10, 6, PixelFormat.Rgb24);
        Assert.True(expected.Pixels.SequenceEqual(decoded.Pixels));
        Assert.True(File.Exists(fx.NodeFile(Path.Combine("snap", "000002.png"))));
        var rows = File.ReadAllLines(fx.NodeFile("snap.timestamps.csv"));
        Assert.Equal("frame,timestamp,unix_ns", rows[0]);
        Assert.Equal(3, rows.Length);
    }
}
