using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// A <c>remote.*</c> figure: each run starts a <see cref="RemoteCluster"/> of two worker processes, measures, and tears
/// it down. Until <see cref="RemoteCluster.StartAsync"/> is implemented, every run reports "not available".
/// </summary>
internal abstract class RemoteScenario : Benchmark
{
    /// <inheritdoc />
    public sealed override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var cluster = await RemoteCluster.StartAsync(2, cancellationToken).ConfigureAwait(false);
        await using (cluster.ConfigureAwait(false))
        {
            return await MeasureAsync(cluster, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits, runs and measures on <paramref name="cluster"/> (source on worker 0, sink on worker 1).</summary>
    protected abstract Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken);

    /// <summary>Commits, starts, runs for <paramref name="window"/>, stops (drain); returns the time from start to drained and the report.</summary>
    protected static async Task<(TimeSpan Elapsed, RunReport Report)> RunForAsync(RemoteCluster cluster, Graph graph, IReadOnlyDictionary<string, int> placement, TimeSpan window, CancellationToken cancellationToken)
    {
        await cluster.CommitAsync(graph, placement, cancellationToken).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await cluster.Manager.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(window, cancellationToken).ConfigureAwait(false);
        var report = await cluster.Manager.StopAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await cluster.Manager.ResetAsync(cancellationToken).ConfigureAwait(false);
        return (elapsed, report);
    }
}
