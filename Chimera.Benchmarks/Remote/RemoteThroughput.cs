using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// <c>remote.small.throughput</c> (64-byte arrays, msg/s) and <c>remote.large.throughput</c> (6 MB arrays, GB/s): a
/// <c>BlobSource</c> on one worker process, a null sink on the other, the edge between them over loopback TCP. With a
/// <paramref name="cpu"/> metric it also reports the CPU time both worker processes spent per element, which a busy
/// machine disturbs far less than the rate. <paramref name="capacity"/> is the edge's capacity (64, the default,
/// unless given); the default byte bound (32 MiB) alone would hold 6 MB elements to five, and remote.large keeps the 4
/// it was measured with before that bound existed.
/// With <paramref name="repeat"/> the source publishes one array as every element (<c>BlobSource.Repeat</c>), so the
/// figure holds what carries the bytes and the one array per element the receiver must allocate, not the source's
/// own production of them, as the raw baseline resends one buffer.
/// With <paramref name="frames"/> the elements are instead raw 1920 × 1080 RGB image frames (<c>FrameSource</c>, one
/// frame repeated; <paramref name="size"/> is then <see cref="FrameSource.DefaultFrameBytes"/>) into a sink that
/// disposes each one (<c>DisposingSink</c>): the
/// receiver places each frame's pixels in a pooled buffer that the sink gives back, where a byte array must be new.
/// <paramref name="compilation"/> is how the workers compile (<see cref="RemoteScenario.Compilation"/>), and
/// <paramref name="workerEnvironment"/> runtime settings the workers start with, beside those of the apphost's
/// runtimeconfig (<see cref="RemoteScenario.WorkerEnvironment"/>); <paramref name="pinned"/> gives each worker a core of its
/// own (<see cref="RemoteScenario.PinWorkers"/>).
/// </summary>
internal sealed class RemoteThroughput(Metric metric, int size, Metric? cpu = null, int capacity = EdgeOptions.DefaultCapacity, bool repeat = false, bool frames = false, WorkerCompilation compilation = WorkerCompilation.FullyOptimized, IReadOnlyDictionary<string, string>? workerEnvironment = null, bool pinned = false) : RemoteScenario
{
    /// <inheritdoc />
    protected override WorkerCompilation Compilation => compilation;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string>? WorkerEnvironment => workerEnvironment;

    /// <inheritdoc />
    protected override bool PinWorkers => pinned;

    /// <summary>The last part of the batching figure's name beside the figure's own (<c>remote.small.elements_per_write</c>).</summary>
    private const string PerWrite = "elements_per_write";

    /// <summary>The last part of the other batching figure's name (<c>remote.small.elements_per_read</c>).</summary>
    private const string PerRead = "elements_per_read";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        metric,
        .. cpu is null ? Array.Empty<Metric>() : [cpu],
        Metric.Figure(BesideName(metric, PerWrite), "msg/write"),
        Metric.Figure(BesideName(metric, PerRead), "msg/read"),
    ];

    /// <inheritdoc />
    public override string Note => frames
        ? $"FrameSource (1920x1080 RGB, {size} B of raw pixels, one frame repeated, unpaced) on worker process w1 → DisposingSink on worker process w2, loopback TCP, edge capacity {capacity}."
        : $"BlobSource ({size} B arrays, {(repeat ? "one array repeated" : "a new one per element")}, unpaced) on worker process w1 → NullSink on worker process w2, loopback TCP, edge capacity {capacity}{WorkersNote}.";

    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("remote-throughput")
            .AddNode("source", frames ? new FrameSource() : new BlobSource { Size = size, Repeat = repeat })
            .AddNode("sink", frames ? new DisposingSink() : new NullSink())
            .AddEdge("source", "sink", new EdgeOptions { Capacity = capacity });
        var (elapsed, report, workersCpu) = await RunForAsync(cluster, graph, new Dictionary<string, int> { ["source"] = 0, ["sink"] = 1 }, options.Window, cancellationToken).ConfigureAwait(false);
        var steps = EmbeddedRun.Steps(report, "sink");
        var perSecond = steps / elapsed.TotalSeconds;
        var figures = new Dictionary<string, double> { [metric.Name] = metric.Unit == "GB/s" ? perSecond * size / 1e9 : perSecond };
        if (cpu is not null)
        {
            figures[cpu.Name] = workersCpu.TotalNanoseconds / Math.Max(1, steps);
        }

        // The whole run's batching, from the connection's own counts: a write is one hand-off of a batch to the socket,
        // a read one wake-up of the receiving loop.
        var edge = report.Edge("source", "sink");
        if (edge.Wire is { } wire)
        {
            figures[BesideName(metric, PerWrite)] = edge.Sent / (double)Math.Max(1, wire.Writes);
            figures[BesideName(metric, PerRead)] = edge.Received / (double)Math.Max(1, wire.Reads);
        }

        return figures;
    }

    /// <summary><paramref name="figure"/>'s name with its last part replaced by <paramref name="last"/> (<c>remote.small.throughput</c> → <c>remote.small.elements_per_write</c>).</summary>
    private static string BesideName(Metric figure, string last) => figure.Name[..(figure.Name.LastIndexOf('.') + 1)] + last;
}
