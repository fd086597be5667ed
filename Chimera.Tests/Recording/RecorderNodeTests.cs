using Chimera.Media;
using Chimera.Nodes;
using Chimera.Tests.Media;

namespace Chimera.Tests.Recording;

public sealed class RecorderNodeTests
{
    [Fact]
    public async Task AudioRecorder_SineBlocks_WavHasEverySample()
    {
        await using var fx = new RecordingFixture();
        var source = new SineAudio { SampleRate = 16000, BlockSize = 160, Count = 25, AsFastAsPossible = true };
        var sourceCtx = NodeHarness.Attach(source);
        await source.SetupAsync(CancellationToken.None);
        var sink = new AudioRecorder { Name = "rec", Stream = "tone" };
        sink.Attach(fx.Context("rec"));

        foreach (var block in await NodeHarness.DrainSourceAsync(source, sourceCtx))
        {
            await sink.StepAsync(NodeHarness.Input(block), CancellationToken.None);
        }

        await fx.CloseAsync();

        Assert.Equal(25 * 160, Chimera.Recording.WavRepair.Repair(fx.NodeFile("tone.wav", node: "rec")));
    }

    [Fact]
    public async Task ImageRecorder_SavesPngPerInput()
    {
        await using var fx = new RecordingFixture();
        var sink = new ImageRecorder { Name = "snap" };
        sink.Attach(fx.Context("snap"));
        using var image = TestImages.Noise(5, 5, PixelFormat.Rgba32);

        await sink.StepAsync(NodeHarness.Input(image), CancellationToken.None);
        await sink.StepAsync(NodeHarness.Input(image), CancellationToken.None);
        await fx.CloseAsync();

        Assert.Equal(2, Directory.GetFiles(fx.NodeFile("snap", node: "snap"), "*.png").Length);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task VideoRecorder_TestPattern_Mp4HasEveryFrame()
    {
        await using var fx = new RecordingFixture();
        var source = new TestPatternVideo { Width = 160, Height = 120, Fps = 1000, Count = 20 };
        var sourceCtx = NodeHarness.Attach(source);
        await source.SetupAsync(CancellationToken.None);
        var sink = new VideoRecorder { Name = "vrec", Fps = 25 };
        sink.Attach(fx.Context("vrec"));
        await sink.SetupAsync(CancellationToken.None);

        foreach (var frame in await NodeHarness.DrainSourceAsync(source, sourceCtx))
        {
            await sink.StepAsync(NodeHarness.Input(frame), CancellationToken.None);
        }

        await fx.CloseAsync();

        Assert.Equal(20, await VideoRecordingTests.CountFramesAsync(fx.NodeFile("vrec.mp4", node: "vrec")));
    }
}
