using System.Diagnostics;
using Chimera.Media;
using Chimera.Nodes;

namespace Chimera.Tests.Media;

public sealed class SourceNodeTests
{
    [Fact]
    public async Task TestPatternVideo_Count_ProducesThatManyFramesThenEnds()
    {
        var node = new TestPatternVideo { Width = 32, Height = 24, Fps = 1000, Count = 3, PixelFormat = PixelFormat.Bgr24 };
        var ctx = NodeHarness.Attach(node);
        await node.SetupAsync(CancellationToken.None);

        var frames = (await NodeHarness.DrainSourceAsync(node, ctx)).Cast<ImageFrame>().ToList();

        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal((32, 24, PixelFormat.Bgr24), (f.Width, f.Height, f.Format)));
        Assert.False(frames[0].Pixels.SequenceEqual(frames[1].Pixels));
    }

    [Theory]
    [InlineData(37, 21, 0)]
    [InlineData(37, 21, 300)]
    [InlineData(1, 1, 5)]
    public void TestPatternVideo_Render_WritesEveryPixelOfThePattern_EvenOverAReusedBuffer(int width, int height, long t)
    {
        // The frame is rented uninitialized, so leave garbage in the pool first: a pixel the renderer skipped keeps it.
        using (var dirty = new ImageFrame(width, height, PixelFormat.Rgb24))
        {
            dirty.Pixels.Fill(0x5A);
        }

        var node = new TestPatternVideo { Width = width, Height = height };

        using var frame = node.Render(t);

        var shift = (int)(t % 256);
        var barX = (int)(t * 8 % width);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inBar = x >= barX && x < barX + 16;
                byte[] expected = inBar
                    ? [255, 255, 255]
                    : [(byte)((x * 255 / Math.Max(1, width - 1)) + shift), (byte)((y * 255 / Math.Max(1, height - 1)) + shift), (byte)(((x + y) >> 2) - shift)];
                Assert.True(frame.Row(y).Slice(x * 3, 3).SequenceEqual(expected), $"pixel ({x}, {y})");
            }
        }
    }

    [Fact]
    public async Task TestPatternVideo_PacesAtFps()
    {
        var node = new TestPatternVideo { Width = 8, Height = 8, Fps = 25, Count = 6 };
        var ctx = NodeHarness.Attach(node);
        await node.SetupAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();

        await NodeHarness.DrainSourceAsync(node, ctx);

        Assert.InRange(watch.Elapsed.TotalMilliseconds, 190, 2000);
    }

    [Fact]
    public async Task TestPatternVideo_BadSize_FailsSetupNamingNode()
    {
        var node = new TestPatternVideo { Name = "pattern", Width = 0 };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await node.SetupAsync(CancellationToken.None));

        Assert.StartsWith("Node 'pattern': Width = 0 is invalid; expected 1 to 16384.", e.Message);
    }

    [Fact]
    public async Task SineAudio_Blocks_AreContinuousAndCounted()
    {
        var node = new SineAudio { Frequency = 1000, SampleRate = 8000, Channels = 2, BlockSize = 100, Count = 2, AsFastAsPossible = true };
        var ctx = NodeHarness.Attach(node);
        await node.SetupAsync(CancellationToken.None);

        var blocks = (await NodeHarness.DrainSourceAsync(node, ctx)).Cast<AudioBlock>().ToList();

        Assert.Equal(2, blocks.Count);
        Assert.Equal((100, 2, 8000), (blocks[1].FrameCount, blocks[1].Channels, blocks[1].SampleRate));
        var expected = (float)(0.5 * Math.Sin(2 * Math.PI * 1000 / 8000 * 101));
        Assert.Equal(expected, blocks[1].Samples.Span[2], 5);
        Assert.Equal(blocks[1].Samples.Span[2], blocks[1].Samples.Span[3]);
    }

    [Fact]
    public async Task Camera_NoDevice_FailsSetupWithClearMessage()
    {
        var node = new Camera { Name = "cam", Device = "/dev/video-chimera-missing" };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.SetupAsync(CancellationToken.None));

        Assert.Equal("Node 'cam': the video device '/dev/video-chimera-missing' does not exist, so there is no camera to open. Connect a camera, check 'ls /dev/video*', or set Device.", e.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Camera_CapturesPacedFramesThroughFfmpegAndTeardownEndsIt()
    {
        // This machine has no V4L2 device, so a script stands in for ffmpeg. It records the arguments Camera passes and
        // checks that they ask for V4L2 capture. Then it runs the real ffmpeg with a test source, paced like a camera,
        // in place of the device, and keeps Camera's output options. What Camera reads, and how it ends, is the real
        // path.
        if (OperatingSystem.IsWindows())
        {
            return; // V4L2 cameras, bash and /proc are Linux's.
        }

        var directory = Directory.CreateTempSubdirectory("chimera-camera-");
        try
        {
            var device = Path.Combine(directory.FullName, "video7");
            await File.WriteAllTextAsync(device, "");
            var arguments = Path.Combine(directory.FullName, "arguments");
            var script = Path.Combine(directory.FullName, "ffmpeg");
            await File.WriteAllTextAsync(script, $$"""
                #!/bin/bash
                printf '%s\n' "$@" > '{{arguments}}'
                before=(); after=(); input=0
                while (( $# )); do
                  if (( input )); then after+=("$1"); shift; continue; fi
                  case "$1" in
                    -f|-framerate|-video_size|-input_format) shift 2 ;;
                    -i) [[ "$2" == '{{device}}' ]] || exit 3; input=1; shift 2 ;;
                    *) before+=("$1"); shift ;;
                  esac
                done
                exec ffmpeg "${before[@]}" -re -f lavfi -i testsrc=size=80x60:rate=20 "${after[@]}"
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var node = new Camera { Name = "cam", Device = device, Width = 64, Height = 48, Fps = 20, InputFormat = "yuyv422", PixelFormat = PixelFormat.Bgr24, FfmpegPath = script };
            NodeHarness.Attach(node);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await node.SetupAsync(timeout.Token);
            var frames = new List<ImageFrame>();
            var watch = new Stopwatch();
            try
            {
                for (var i = 0; i < 6; i++)
                {
                    frames.Add(Assert.IsType<ImageFrame>(await node.StepAsync(NodeInputs.Empty, timeout.Token)));
                    if (i == 0)
                    {
                        watch.Start();
                    }
                }
            }
            finally
            {
                await node.TeardownAsync(CancellationToken.None);
            }

            var passed = (await File.ReadAllLinesAsync(arguments)).ToList();
            Assert.Equal(["-f", "v4l2", "-framerate", "20", "-video_size", "64x48", "-input_format", "yuyv422", "-i", device], passed.Skip(passed.IndexOf("-f")).Take(10));
            Assert.Contains("scale=64:48", passed);
            Assert.All(frames, f => Assert.Equal((64, 48, PixelFormat.Bgr24), (f.Width, f.Height, f.Format)));
            Assert.False(frames[1].Pixels.SequenceEqual(frames[2].Pixels), "the test source's frames change");

            // Five frames at 20 fps are at least 250 ms apart from the first: the source paces the stream, not Camera.
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(200), $"five frames in {watch.Elapsed.TotalMilliseconds:F0} ms");
            Assert.DoesNotContain(Process.GetProcessesByName("ffmpeg"), p => Reads(p.Id, device));
            foreach (var frame in frames)
            {
                frame.Dispose();
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Whether process <paramref name="id"/> was started with <paramref name="device"/> on its command line; false once it has exited.</summary>
    private static bool Reads(int id, string device)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/cmdline").Contains(device, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task ScreenCapture_NoDisplay_FailsSetupWithClearMessage()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            return; // A desktop session; nothing to prove here.
        }

        var node = new ScreenCapture { Name = "screen" };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.SetupAsync(CancellationToken.None));

        Assert.StartsWith("Node 'screen': there is no X display to capture", e.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ScreenCapture_OnARealXServer_GrabsFramesOfTheAreaAndReportsFfmpegsErrorForAnAreaOffScreen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var display = await VirtualDisplay.StartAsync(160, 120, timeout.Token);
        var node = new ScreenCapture { Name = "screen", Display = display.Name, Width = 64, Height = 48, X = 16, Y = 8, Fps = 30, PixelFormat = PixelFormat.Bgr24 };
        NodeHarness.Attach(node);
        await node.SetupAsync(timeout.Token);
        try
        {
            for (var i = 0; i < 2; i++)
            {
                using var frame = Assert.IsType<ImageFrame>(await node.StepAsync(NodeInputs.Empty, timeout.Token));
                Assert.Equal((64, 48, PixelFormat.Bgr24), (frame.Width, frame.Height, frame.Format));
            }
        }
        finally
        {
            await node.TeardownAsync(CancellationToken.None);
        }

        var offScreen = new ScreenCapture { Name = "screen", Display = display.Name, Width = 64, Height = 48, X = 150, Fps = 30 };
        NodeHarness.Attach(offScreen);
        await offScreen.SetupAsync(timeout.Token);
        try
        {
            var e = await Assert.ThrowsAsync<IOException>(async () => await offScreen.StepAsync(NodeInputs.Empty, timeout.Token));
            Assert.StartsWith("Node 'screen': the device stopped delivering data; ffmpeg said: ", e.Message);
            Assert.Contains("outside the screen", e.Message);
        }
        finally
        {
            await offScreen.TeardownAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AudioDevice_NoBackend_FailsSetupWithClearMessage()
    {
        var node = new AudioDevice { Name = "mic", Backend = "oss" };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.SetupAsync(CancellationToken.None));

        Assert.Equal("Node 'mic': no oss audio input is available ('oss' is not a supported backend; use pulse or alsa). Connect a sound device, start PulseAudio, or set Backend/Device.", e.Message);
        if (!Directory.Exists("/dev/snd"))
        {
            node.Backend = "alsa";
            e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.SetupAsync(CancellationToken.None));
            Assert.Contains("/dev/snd does not exist", e.Message);
        }
    }

    [Fact]
    public async Task AudioDevice_AlsaNullDevice_CapturesBlocksThroughFfmpegAndTeardownEndsIt()
    {
        // ALSA's null device is a real capture device that needs no sound card, so this runs the whole path (ffmpeg
        // reading ALSA, raw float samples on its stdout, blocks cut from them) on a machine without /dev/snd.
        var node = new AudioDevice { Name = "mic", Backend = "alsa", Device = "null", SampleRate = 8000, Channels = 2, BlockSize = 400 };
        NodeHarness.Attach(node);
        await node.SetupAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var blocks = new List<AudioBlock>();
        for (var i = 0; i < 3; i++)
        {
            blocks.Add(Assert.IsType<AudioBlock>(await node.StepAsync(NodeHarness.Input(null), timeout.Token)));
        }

        Assert.Single(AlsaCaptures());
        await node.TeardownAsync(CancellationToken.None);

        Assert.All(blocks, b => Assert.Equal((400, 2, 8000, 800), (b.FrameCount, b.Channels, b.SampleRate, b.Samples.Length)));
        Assert.Empty(AlsaCaptures());
    }

    /// <summary>The ffmpeg processes capturing from ALSA now (only the test above starts one; other tests run ffmpeg concurrently).</summary>
    private static List<int> AlsaCaptures() => [.. Process.GetProcessesByName("ffmpeg").Select(p => p.Id).Where(CapturesFromAlsa)];

    /// <summary>Whether process <paramref name="id"/> was started with <c>-f alsa</c>; false once it has exited.</summary>
    private static bool CapturesFromAlsa(int id)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/cmdline").Contains("-f\0alsa\0", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task VideoFile_Missing_FailsSetupNamingFile()
    {
        var node = new VideoFile { Name = "movie", Path = "/nonexistent/clip.mp4" };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<FileNotFoundException>(async () => await node.SetupAsync(CancellationToken.None));

        Assert.Equal("Node 'movie': the video file '/nonexistent/clip.mp4' does not exist. Set Path to an existing file.", e.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task VideoFile_PlaysEveryFrameThenEnds()
    {
        var path = Path.Combine(Path.GetTempPath(), "chimera-clip-" + Guid.NewGuid().ToString("N") + ".mp4");
        try
        {
            using (var ffmpeg = Process.Start("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames:v", "12", "-pix_fmt", "yuv420p", path]))
            {
                await ffmpeg.WaitForExitAsync();
                Assert.Equal(0, ffmpeg.ExitCode);
            }

            var node = new VideoFile { Path = path, AsFastAsPossible = true };
            var ctx = NodeHarness.Attach(node);
            await node.SetupAsync(CancellationToken.None);
            var frames = await NodeHarness.DrainSourceAsync(node, ctx);
            await node.TeardownAsync(CancellationToken.None);

            Assert.Equal(12, frames.Count);
            Assert.Equal((64, 48, 25.0), (node.FrameWidth, node.FrameHeight, node.FramesPerSecond));
            Assert.All(frames.Cast<ImageFrame>(), f => Assert.Equal(64 * 48 * 3, f.Length));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
