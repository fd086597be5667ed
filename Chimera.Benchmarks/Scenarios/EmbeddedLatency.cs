using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>embedded.latency.p50</c> / <c>.p99</c>: the <c>remote.latency</c> graph (64-byte arrays at 1 000/s into a
/// <c>LatencySink</c>) on two embedded workers, so the edge is an in-memory channel: the floor the cross-process
/// figure adds its socket hop to. Reported only.
/// </summary>
internal sealed class EmbeddedLatency : Benchmark
{
    /// <summary>The median metric.</summary>
    public const string P50 = "embedded.latency.p50";

    /// <summary>The 99th percentile metric.</summary>
    public const string P99 = "embedded.latency.p99";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(P50, "µs", lowerIsBetter: true),
        Metric.Figure(P99, "µs", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "BlobSource (64 B, 1 000/s) on embedded w1 → LatencySink on embedded w2 (in-memory edge); DataChunk.Created → sink step, the first quarter of the window left out.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken) =>
        LatencyGraph.MeasureAsync(
            "embedded-latency",
            options.Window,
            graph => EmbeddedRun.RunForAsync(graph, EmbeddedRun.TwoWorkers(["source"], ["sink"]), options.Window, cancellationToken),
            P50,
            P99,
            segments: null,
            cancellationToken);
}
