using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>video.1080p.fps</c>, embedded for now: <c>TestPatternVideo</c> at 1920×1080 (unpaced) on one embedded worker →
/// a null sink on the other. Both workers share the process, so frames pass by reference: no JPEG, no copy. The
/// ratio to <c>raw.jpeg.codec</c> therefore says little until the figure runs across processes; see
/// <c>video.1080p.codec.fps</c> for the encode + decode path.
/// </summary>
internal sealed class VideoEmbedded : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "video.1080p.fps";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Figure(Name, "fps", RawJpegCodec.Name, Goal.RatioAtLeast(0.8))];

    /// <inheritdoc />
    public override string Note => "EMBEDDED (one process): TestPatternVideo 1920x1080 on w1 → NullSink on w2; frames pass by reference (no JPEG, no wire), the source's rendering is the bound. Becomes the cross-process figure when the worker data plane lands.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("video")
            .AddNode("camera", new TestPatternVideo { Width = 1920, Height = 1080, Fps = 1000 })
            .AddNode("sink", new NullSink())
            .AddEdge("camera", "sink");
        var run = await EmbeddedRun.RunForAsync(graph, EmbeddedRun.TwoWorkers(["camera"], ["sink"]), options.Window, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double> { [Name] = run.Rate("sink") };
    }
}
