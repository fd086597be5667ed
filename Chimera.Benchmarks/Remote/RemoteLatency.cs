using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// <c>remote.latency.p50</c> / <c>.p99</c>: a <c>BlobSource</c> of 64-byte arrays at 1 000/s on one worker process, a
/// <c>LatencySink</c> on the other; one-way latency from the chunk's creation (its publication) to the sink's step,
/// in µs. Both processes read the same clock (one machine), so no clock offset enters.
/// </summary>
internal sealed class RemoteLatency : RemoteScenario
{
    /// <summary>The median metric.</summary>
    public const string P50 = "remote.latency.p50";

    /// <summary>The 99th percentile metric.</summary>
    public const string P99 = "remote.latency.p99";

    /// <summary>The prefix of the segment medians: <c>.send</c>, <c>.wire</c>, <c>.deliver</c>.</summary>
    public const string Segments = "remote.latency.p50_segment";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(P50, "µs", RawTcpPingPong.P50, Goal.AtMost(100), lowerIsBetter: true),
        Metric.Figure(P99, "µs", RawTcpPingPong.P99, Goal.AtMost(500), lowerIsBetter: true),
        Metric.Figure(Segments + ".send", "µs", lowerIsBetter: true),
        Metric.Figure(Segments + ".wire", "µs", lowerIsBetter: true),
        Metric.Figure(Segments + ".deliver", "µs", lowerIsBetter: true),
    ];

    /// <summary>
    /// The runtime's default code, as users' workers run it: measured against fully optimized profile-less code in
    /// three alternating quick pairs, its p50 was 54 / 56 / 46 µs against 62 / 121 / 69 and its p99 217 / 306 / 236 µs
    /// against 196 / 1541 / 208, so the warm-up and control-plane cycles leave no recompilation to disturb the windows.
    /// </summary>
    protected override WorkerCompilation Compilation => WorkerCompilation.TieredEager;

    /// <inheritdoc />
    public override string Note => "BlobSource (64 B, 1 000/s) on worker process w1 → LatencySink on w2; DataChunk.Created → sink step, the first quarter of the window left out, percentiles of one window per run" + WorkersNote + ". Segment medians: created → sent (sender's encode), sent → received (receiver's decode), received → sink step; sent and received are stamped with each worker's synchronized cluster clock, so a segment may be off by the clock sync error (tens of µs, even negative) while their sum is exact.";

    /// <inheritdoc />
    protected override Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken) =>
        LatencyGraph.MeasureAsync(
            "remote-latency",
            options.Window,
            graph => RunForAsync(cluster, graph, new Dictionary<string, int> { ["source"] = 0, ["sink"] = 1 }, options.Window, cancellationToken),
            P50,
            P99,
            Segments,
            cancellationToken);
}
