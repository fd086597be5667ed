using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// <c>remote.small.throughput</c> (64-byte arrays, msg/s) and <c>remote.large.throughput</c> (6 MB arrays, GB/s): a
/// <c>BlobSource</c> on one worker process, a null sink on the other, the edge between them over loopback TCP.
/// </summary>
internal sealed class RemoteThroughput(Metric metric, int size) : RemoteScenario
{
    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [metric];

    /// <inheritdoc />
    public override string Note => $"BlobSource ({size} B arrays, unpaced) on worker process w1 → NullSink on worker process w2, loopback TCP.";

    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("remote-throughput")
            .AddNode("source", new BlobSource { Size = size })
            .AddNode("sink", new NullSink())
            .AddEdge("source", "sink");
        var (elapsed, report) = await RunForAsync(cluster, graph, new Dictionary<string, int> { ["source"] = 0, ["sink"] = 1 }, options.Window, cancellationToken).ConfigureAwait(false);
        var perSecond = EmbeddedRun.Steps(report, "sink") / elapsed.TotalSeconds;
        return new Dictionary<string, double> { [metric.Name] = metric.Unit == "GB/s" ? perSecond * size / 1e9 : perSecond };
    }
}
