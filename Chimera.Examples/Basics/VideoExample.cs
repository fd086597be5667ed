using Chimera.Nodes;

namespace Chimera.Examples.Basics;

/// <summary>
/// ChimeraPy's screen-capture example: a video source on one worker streaming frames to a display on another. It
/// captures the X screen when there is a display, and falls back to a synthetic test pattern where there is none
/// (servers, CI), so it runs everywhere.
/// </summary>
public static class VideoExample
{
    /// <summary>Builds the graph: video → show, with the screen or the test pattern as the source.</summary>
    /// <param name="useScreen">Capture the X screen (needs DISPLAY and ffmpeg) instead of drawing a test pattern.</param>
    /// <returns>The graph.</returns>
    public static Graph BuildGraph(bool useScreen)
    {
        Node source = useScreen
            ? new ScreenCapture { Width = 640, Height = 360, Fps = 10 }
            : new TestPatternVideo { Width = 320, Height = 240, Fps = 10 };

        // A live view wants the newest frame, not every frame: a short edge that keeps the latest is the right policy.
        return new Graph("basics-video")
            .AddNode("video", source)
            .AddNode("show", new ShowFrameNode())
            .AddEdge("video", "show", new EdgeOptions { Capacity = 2, Overflow = OverflowPolicy.Latest });
    }

    /// <summary>Streams frames from worker-1 to worker-2 for <paramref name="duration"/>, then drains and prints the counters.</summary>
    /// <param name="output">Where the display and the report write.</param>
    /// <param name="duration">How long to stream; defaults to 2 s.</param>
    /// <param name="cancellationToken">Stops the example.</param>
    /// <returns>The run's counters.</returns>
    public static async Task<RunReport> RunAsync(TextWriter output, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        PrintNode.Output = output;
        var useScreen = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));
        await output.WriteLineAsync(useScreen ? "Capturing the screen (DISPLAY is set)." : "No display: streaming a test pattern instead of the screen.").ConfigureAwait(false);

        await using var manager = new Manager();
        var mapping = new Dictionary<string, IReadOnlyList<string>>
        {
            ["worker-1"] = ["video"],
            ["worker-2"] = ["show"],
        };
        await manager.CommitGraphAsync(BuildGraph(useScreen), mapping, cancellationToken).ConfigureAwait(false);
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);

        // Video sources never end by themselves: stream for a while, then stop, which drains what is in flight.
        await Task.Delay(duration ?? TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var report = await manager.StopAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.ToTable()).ConfigureAwait(false);
        return report;
    }
}
