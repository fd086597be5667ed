using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// <c>commit.10nodes.remote.ms</c>: <c>CommitGraphAsync</c> of the 10-node graph onto two worker processes, until every
/// node is set up, when the workers already hold the graph's assemblies (a second commit). Beside it,
/// <c>commit.10nodes.remote.cold.ms</c>: the first commit on freshly started workers, which ships the assemblies
/// (checked by SHA-256, then uploaded) and loads and compiles the nodes' code there. Each run starts its own workers,
/// so every run has a cold commit.
/// </summary>
internal sealed class CommitTenNodesRemote : Benchmark
{
    /// <summary>The warm metric.</summary>
    public const string Warm = "commit.10nodes.remote.ms";

    /// <summary>The cold metric.</summary>
    public const string Cold = "commit.10nodes.remote.cold.ms";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(Warm, "ms", goal: Goal.Below(250), lowerIsBetter: true),
        Metric.Figure(Cold, "ms", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "Two chimera worker processes on loopback (runtime defaults), 5 nodes each (Counter, 8 x Identity, NullSink), one remote edge; commit until every node is set up, over the HTTP control API. Cold = the first commit on new workers (assembly check and upload, load, JIT); warm = the next one, assemblies present.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        // Workers as a user starts them (tiered compilation on): the cold commit is start-up work, which tier 0 is for.
        await using var cluster = await RemoteCluster.StartAsync(2, cancellationToken, WorkerCompilation.Defaults).ConfigureAwait(false);
        var cold = await TenNodeGraph.TimeCommitAsync(cluster.Manager, cancellationToken).ConfigureAwait(false);
        var warm = await TenNodeGraph.TimeCommitAsync(cluster.Manager, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double> { [Warm] = warm, [Cold] = cold };
    }
}
