using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class CapturingRecorderTests
{
    private static readonly DateTimeOffset T0 = ManualClock.DefaultStart;

    [Fact]
    public async Task SaveAsync_CapturesInCallOrder_TaggedByNode()
    {
        var recorder = new CapturingRecorder();
        var camera = recorder.ForNode("camera");

        await camera.SaveAsync("frames", RecordingKind.Video, "f1", T0, CancellationToken.None);
        await recorder.SaveAsync("log", RecordingKind.Text, "hello", T0.AddSeconds(1), CancellationToken.None);
        recorder.IsRecording = false;
        await camera.SaveAsync("frames", RecordingKind.Video, "f2", T0.AddSeconds(2), CancellationToken.None);

        Assert.Equal(
            [
                new RecordedEntry("camera", "frames", RecordingKind.Video, "f1", T0, true),
                new RecordedEntry(null, "log", RecordingKind.Text, "hello", T0.AddSeconds(1), true),
                new RecordedEntry("camera", "frames", RecordingKind.Video, "f2", T0.AddSeconds(2), false),
            ],
            recorder.Entries);
        Assert.Equal(["f1", "f2"], recorder.Stream("frames").Select(e => e.Value));
    }

    [Fact]
    public async Task SaveAsync_Cancelled_CapturesNothing()
    {
        var recorder = new CapturingRecorder();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recorder.SaveAsync("s", RecordingKind.Json, 1, T0, cts.Token).AsTask());

        Assert.Empty(recorder.Entries);
    }

    [Fact]
    public void Switch_StartsAsGiven()
    {
        Assert.True(new CapturingRecorder().IsRecording);
        Assert.False(new CapturingRecorder(isRecording: false).IsRecording);
    }
}
