using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>video.1080p.embedded.fps</c>: <c>TestPatternVideo</c> at 1920×1080 (unpaced) on one embedded worker → a null
/// sink on the other. Both workers share the process, so frames pass by reference: no JPEG, no copy, and the figure
/// is the source's rendering rate, the ceiling of <c>video.1080p.fps</c> (across processes, JPEG on the wire).
/// </summary>
internal sealed class VideoEmbedded : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "video.1080p.embedded.fps";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Figure(Name, "fps")];

    /// <inheritdoc />
    public override string Note => "One process: TestPatternVideo 1920x1080 on embedded w1 → NullSink on embedded w2; frames pass by reference (no JPEG, no wire), so this is the source's rendering rate.";

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
