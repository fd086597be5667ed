using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Benchmarks.Scenarios;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// <c>video.1080p.fps</c>: <c>TestPatternVideo</c> at 1920×1080 (unpaced) on one worker process → a null sink on the
/// other. The frame crosses the loopback socket as JPEG (the wire codec's default for images, quality 90) and is
/// decoded on the receiving worker before the sink's step, so the figure holds rendering, encoding, the socket and
/// decoding, against <c>raw.jpeg.codec</c> (encode + decode on one thread, no rendering, no socket). Encoding and
/// decoding run in different processes, so on two cores they overlap.
/// </summary>
/// <remarks>
/// The edge has the default options, which bound it in bytes too: before that bound existed, the camera's worker held
/// up to 64 raw frames (8 MB each, RSS past 2 GB) ahead of the encoder, which then read each frame long after it was
/// drawn, out of cache, and runs fell into a slow mode (43-57 fps at 25-35 ms of CPU per frame) in one of two,
/// against 107-129 fps at 13-16 ms with a capacity of 4 (same build, back-to-back runs).
/// </remarks>
internal sealed class VideoRemote : RemoteScenario
{
    /// <summary>The metric name.</summary>
    public const string Name = "video.1080p.fps";

    /// <summary>The CPU metric's name.</summary>
    public const string CpuName = "video.1080p.cpu_per_frame";


    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(Name, "fps", RawJpegCodec.Name, Goal.RatioAtLeast(0.8)),
        Metric.Figure(CpuName, "ms/frame", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "TestPatternVideo 1920x1080 (unpaced) on worker process w1 → default edge (64 elements, 32 MiB: five raw frames) → JPEG on the wire (quality 90) → decoded on worker process w2 → NullSink; cpu = both workers' CPU per frame.";

    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("video")
            .AddNode("camera", new TestPatternVideo { Width = 1920, Height = 1080, Fps = 1000 })
            .AddNode("sink", new NullSink())
            .AddEdge("camera", "sink");
        var (elapsed, report, workersCpu) = await RunForAsync(cluster, graph, new Dictionary<string, int> { ["camera"] = 0, ["sink"] = 1 }, options.Window, cancellationToken).ConfigureAwait(false);
        var frames = EmbeddedRun.Steps(report, "sink");
        return new Dictionary<string, double>
        {
            [Name] = frames / elapsed.TotalSeconds,
            [CpuName] = workersCpu.TotalMilliseconds / Math.Max(1, frames),
        };
    }
}
