using System.Globalization;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>commit.10nodes.ms</c>: the time <c>CommitGraphAsync</c> takes to validate, compile, create and set up a 10-node
/// graph on two embedded workers, in a process that has committed before (warm). <c>commit.10nodes.cold.ms</c> is the
/// same commit as the first thing a fresh child process does (JIT, type loading and all).
/// </summary>
internal sealed class CommitTenNodes : Benchmark
{
    /// <summary>The warm metric.</summary>
    public const string Warm = "commit.10nodes.ms";

    /// <summary>The cold metric.</summary>
    public const string Cold = "commit.10nodes.cold.ms";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(Warm, "ms", goal: Goal.Below(250), lowerIsBetter: true),
        Metric.Figure(Cold, "ms", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "Embedded cluster, 2 workers, 5 nodes each (Counter, 8 x Identity, NullSink); commit until every node is set up. Cold = first commit in a fresh child process. Worker processes: commit.10nodes.remote.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        double cold;
        await using (var child = ChildProcess.Start("commit-cold"))
        {
            cold = double.Parse(await child.ReadLineAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await child.WaitForSuccessAsync(cancellationToken).ConfigureAwait(false);
        }

        var warm = await TenNodeGraph.TimeCommitAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double> { [Warm] = warm, [Cold] = cold };
    }
}
