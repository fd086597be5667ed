using System.Diagnostics;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;
using Chimera.Runtime;

namespace Chimera.Benchmarks.Profile;

/// <summary>
/// The CPU cost of each stage of <c>inproc.small</c> on its own: the <c>Counter</c> source stage filling an edge big
/// enough to never block, then the <c>Identity</c> stage moving those elements into another such edge, then the null
/// sink stage draining that — one stage at a time, so each is timed alone, with no other thread competing. ns and bytes
/// allocated (whole process) per element; reported only.
/// </summary>
internal sealed class StageProfile : Benchmark
{
    /// <summary>Elements per stage run.</summary>
    private const int Elements = 200_000;

    /// <summary>Allocation allowed without a collection while one stage runs (every element stays alive in the edge, so collections would only measure promotion).</summary>
    private const long NoGcBytes = 200L * 1024 * 1024;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure("profile.stage.source.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.stage.source.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.stage.identity.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.stage.identity.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.stage.sink.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.stage.sink.bytes", "B/msg", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => $"NodeStage.RunAsync of Counter (Count = {Elements}), then Identity, then NullSink, one after the other over edges of capacity {Elements} (never full, never waited on; their queues grown to that size beforehand, as an edge of the default capacity never needs to grow), each inside a no-GC region: the collections are left out (every element stays alive in the edge, so they would only measure promotion); see the bytes for what the collector will have to do.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var blueprint = new Graph("stages")
            .AddNode("source", new Counter { Count = Elements })
            .AddNode("step", new Identity())
            .AddNode("sink", new NullSink())
            .AddEdges(("source", "step"), ("step", "sink"))
            .Compile();
        var first = new EdgeChannel(blueprint.GetEdge("source -> step") with { Capacity = Elements });
        var second = new EdgeChannel(blueprint.GetEdge("step -> sink") with { Capacity = Elements });
        Grow(first);
        Grow(second);
        var env = new StageEnvironment { WorkerName = "w", RunId = blueprint.Id };
        var result = new Dictionary<string, double>();
        await TimeAsync("source", new NodeStage(blueprint.GetNode("source"), [], [first], env, Fail), result, cancellationToken).ConfigureAwait(false);
        await TimeAsync("identity", new NodeStage(blueprint.GetNode("step"), [first], [second], env, Fail), result, cancellationToken).ConfigureAwait(false);
        await TimeAsync("sink", new NodeStage(blueprint.GetNode("sink"), [second], [], env, Fail), result, cancellationToken).ConfigureAwait(false);
        if (second.Received != 2 * Elements)
        {
            throw new InvalidOperationException($"The sink received {second.Received - Elements} of {Elements} elements.");
        }

        return result;
    }

    /// <summary>
    /// Fills <paramref name="edge"/> to its capacity once and empties it, so its queue has grown to hold every element
    /// before a stage is timed: growing it from its initial 256 slots to 200 000 allocates ~42 B per element, which an
    /// edge of the default capacity (64) never does, and which would otherwise be counted as the stage's.
    /// </summary>
    private static void Grow(EdgeChannel edge)
    {
        var filler = DataChunk.Of(0L);
        for (var i = 0; i < Elements; i++)
        {
            if (!edge.TryWrite(filler))
            {
                throw new InvalidOperationException($"The edge took {i} of {Elements} elements.");
            }
        }

        while (edge.TryRead(out _))
        {
        }
    }

    private static async Task TimeAsync(string name, NodeStage stage, Dictionary<string, double> result, CancellationToken cancellationToken)
    {
        await stage.SetupAsync(cancellationToken).ConfigureAwait(false);
        GC.Collect();
        var noGc = GC.TryStartNoGCRegion(NoGcBytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await stage.RunAsync(CancellationToken.None, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }

        result[$"profile.stage.{name}.ns"] = elapsed.TotalNanoseconds / Elements;
        result[$"profile.stage.{name}.bytes"] = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Elements;
    }

    private static void Fail(NodeFailure failure) => throw new InvalidOperationException($"{failure.Node} failed during {failure.Phase}: {failure.Error}");
}
