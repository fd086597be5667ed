using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>inproc.small.throughput</c>: <c>Counter</c> (8-byte <see cref="long"/> values) → <c>Identity</c> → a null sink,
/// all on one embedded worker, lossless edges of the default capacity; elements reaching the sink per second.
/// </summary>
internal sealed class InProcSmallThroughput : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "inproc.small.throughput";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(Name, "msg/s", RawChannel.Name, Goal.RatioAtLeast(0.5)),
        Metric.Figure(Allocated, "B/msg", lowerIsBetter: true),
    ];

    /// <summary>The allocation metric.</summary>
    public const string Allocated = "inproc.small.alloc_per_msg";

    /// <inheritdoc />
    public override string Note => "Counter → Identity → NullSink on one embedded worker (default edges: capacity 64, backpressure); sink steps / (start → drained). alloc_per_msg = bytes allocated by the process (GC.GetTotalAllocatedBytes) / elements sunk.";

    /// <summary>The graph.</summary>
    public static Graph CreateGraph() => new Graph("inproc-small")
        .AddNode("source", new Counter())
        .AddNode("step", new Identity())
        .AddNode("sink", new NullSink())
        .AddEdges(("source", "step"), ("step", "sink"));

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var run = await EmbeddedRun.RunForAsync(CreateGraph(), null, options.Window, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double>
        {
            [Name] = run.Rate("sink"),
            [Allocated] = (double)run.AllocatedBytes / Math.Max(1, run.Steps("sink")),
        };
    }
}
