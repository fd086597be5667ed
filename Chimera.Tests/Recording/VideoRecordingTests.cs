using System.Diagnostics;
using System.Text.Json;
using Chimera.Media;
using Chimera.Recording;
using Chimera.Tests.Media;

namespace Chimera.Tests.Recording;

public sealed class VideoRecordingTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task SaveVideo_720pFrames_Mp4HasExactlyThoseFramesAndTimestamps()
    {
        const int frames = 45;
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        using var frame = TestImages.Smooth(1280, 720, PixelFormat.Rgb24);

        for (var i = 0; i < frames; i++)
        {
            frame.Pixels[i] ^= 0xFF;
            await ctx.SaveVideoAsync("camera", frame, fps: 30);
        }

        await fx.CloseAsync();

        Assert.Equal(frames, await CountFramesAsync(fx.NodeFile("camera.mp4")));
        var timestamps = File.ReadAllLines(fx.NodeFile("camera.timestamps.csv"));
        Assert.Equal(frames + 1, timestamps.Length);
        Assert.StartsWith("0,", timestamps[1]);
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(fx.NodeFile("camera.video.json")));
        Assert.Equal("libx264", metadata.RootElement.GetProperty("encoder").GetString());
        Assert.Equal(frames, metadata.RootElement.GetProperty("frames").GetInt64());
        Assert.True(metadata.RootElement.GetProperty("complete").GetBoolean());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SaveVideo_OddSizeWithMpeg4_Encodes()
    {
        await using var fx = new RecordingFixture(options: new RecordingOptions { VideoEncoder = "mpeg4" });
        var ctx = fx.Context();
        using var frame = TestImages.Smooth(33, 17, PixelFormat.Gray8);

        for (var i = 0; i < 5; i++)
        {
            ctx.SaveVideo("small", frame, 10);
        }

        await fx.CloseAsync();

        Assert.Equal(5, await CountFramesAsync(fx.NodeFile("small.mp4")));
    }

    [Fact]
    public async Task SaveVideo_FrameSizeChanges_ThrowsNamingStream()
    {
        await using var fx = new RecordingFixture(options: new RecordingOptions { FfmpegPath = "/nonexistent/ffmpeg", VideoEncoder = "mpeg4" });
        var ctx = fx.Context();
        using var a = new ImageFrame(4, 4, PixelFormat.Rgb24);
        using var b = new ImageFrame(8, 4, PixelFormat.Rgb24);
        await ctx.SaveVideoAsync("v", a, 30);

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await ctx.SaveVideoAsync("v", b, 30));

        Assert.StartsWith("The stream 'v' of node 'cam' on worker 'w1' started with 4x4 Rgb24 frames and got a 8x4 Rgb24 frame", e.Message);
        await Assert.ThrowsAsync<IOException>(fx.CloseAsync);
    }

    [Fact]
    public async Task SaveVideo_AfterTheWriterFailed_AWrongFrameStillGetsItsOwnError_AndARightOneTheFailure()
    {
        await using var fx = new RecordingFixture(options: new RecordingOptions { FfmpegPath = "/nonexistent/ffmpeg", VideoEncoder = "mpeg4" });
        var ctx = fx.Context();
        using var a = new ImageFrame(4, 4, PixelFormat.Rgb24);
        using var b = new ImageFrame(8, 4, PixelFormat.Rgb24);
        var failed = false;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!failed && DateTime.UtcNow < deadline)
        {
            try
            {
                await ctx.SaveVideoAsync("v", a, 30);
                await Task.Delay(10);
            }
            catch (IOException)
            {
                failed = true;
            }
        }

        Assert.True(failed, "the writer never reported that ffmpeg is missing");
        var wrong = await Assert.ThrowsAsync<ArgumentException>(async () => await ctx.SaveVideoAsync("v", b, 30));
        var right = await Assert.ThrowsAsync<IOException>(async () => await ctx.SaveVideoAsync("v", a, 30));

        Assert.Contains("started with 4x4 Rgb24 frames and got a 8x4 Rgb24 frame", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", right.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(fx.CloseAsync);
    }

    [Fact]
    public async Task Dispose_FfmpegMissing_ReportsStreamAndInstallHint()
    {
        await using var fx = new RecordingFixture(options: new RecordingOptions { FfmpegPath = "/nonexistent/ffmpeg", VideoEncoder = "mpeg4" });
        using var frame = new ImageFrame(4, 4, PixelFormat.Rgb24);
        await fx.Context().SaveVideoAsync("v", frame, 30);

        var e = await Assert.ThrowsAsync<IOException>(fx.CloseAsync);

        Assert.Contains("stream 'v' of node 'cam' on worker 'w1'", e.Message);
        Assert.Contains("apt-get install ffmpeg", e.Message);
    }

    internal static async Task<int> CountFramesAsync(string path)
    {
        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path },
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return int.Parse(output.Trim().TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);
    }
}
