using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// A <c>remote.*</c> figure: the first run starts a <see cref="RemoteCluster"/> of two worker processes, every run
/// commits, measures and resets on it, and <see cref="CleanupAsync"/> shuts it down (workers killed and awaited).
/// Until <see cref="RemoteCluster.StartAsync"/> is implemented, the first run reports "not available".
/// </summary>
internal abstract class RemoteScenario : Benchmark
{
    /// <summary>
    /// How long a figure whose workers run tiered code warms up: until the hot paths run their final code (tier-0 code
    /// first, then code instrumented for dynamic PGO, then the optimized code built from that profile). With
    /// <see cref="WorkerCompilation.TieredEager"/>, <c>remote.small</c>'s one-second warm-up windows ran at 0.22, 0.82
    /// and 1.71 M msg/s, and the measured ones at 2.2-2.5 M.
    /// </summary>
    private static readonly TimeSpan TieredWarmup = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many times a cluster of tiered workers commits, starts, stops and resets its graph before its first window.
    /// The control plane (the HTTP API, JSON, the commit) runs once per run, so without these its methods would still
    /// be reaching their call counts, and be compiled on the workers' tiering thread, during every measured window.
    /// </summary>
    private const int ControlPlaneCycles = 60;

    /// <summary>Whether this benchmark's cluster has been through <see cref="ControlPlaneCycles"/>.</summary>
    private bool _controlPlaneWarm;

    /// <summary>The cluster shared by this benchmark's runs, or null before the first.</summary>
    private RemoteCluster? _cluster;

    /// <summary>
    /// How the worker processes compile: fully optimized code without a profile from the start, so that one window of
    /// warm-up is enough (the default), or the runtime's default code, tiered compilation with dynamic PGO, as a user's
    /// workers run it (<see cref="WorkerCompilation.TieredEager"/>), warmed up for <see cref="TieredWarmup"/>.
    /// </summary>
    protected virtual WorkerCompilation Compilation => WorkerCompilation.FullyOptimized;

    /// <summary>Variables added to the worker processes' environment (runtime settings the figure measures); none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string>? WorkerEnvironment => null;

    /// <summary>Whether each worker process runs on a core of its own (<c>taskset -c</c>); no by default.</summary>
    protected virtual bool PinWorkers => false;

    /// <summary>
    /// How the workers run, for the figure's note: empty for fully optimized workers with no settings of their own,
    /// otherwise starting with "; ".
    /// </summary>
    protected string WorkersNote
    {
        get
        {
            var parts = new List<string>();
            if (Compilation != WorkerCompilation.FullyOptimized)
            {
                parts.Add($"workers at the runtime's defaults (tiered compilation, dynamic PGO){(Compilation == WorkerCompilation.TieredEager ? " with DOTNET_TC_CallCountingDelayMs=0" : "")}, after {ControlPlaneCycles} control-plane cycles and {TieredWarmup.TotalSeconds:0} s of warm-up");
            }

            if (WorkerEnvironment is { } environment)
            {
                parts.Add("workers started with " + string.Join(" ", environment.Select(v => $"{v.Key}={v.Value}")));
            }

            if (PinWorkers)
            {
                parts.Add($"each worker pinned to a core of its own (taskset -c {RemoteCluster.CoreOf(0)} for w1, -c {RemoteCluster.CoreOf(1)} for w2)");
            }

            return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
        }
    }

    /// <inheritdoc />
    public override int WarmupRuns(BenchmarkOptions options) =>
        Compilation == WorkerCompilation.FullyOptimized ? 1 : (int)Math.Ceiling(TieredWarmup / options.Window);

    /// <inheritdoc />
    public sealed override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        _cluster ??= await RemoteCluster.StartAsync(2, cancellationToken, Compilation, WorkerEnvironment, PinWorkers).ConfigureAwait(false);
        return await MeasureAsync(_cluster, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public sealed override async ValueTask CleanupAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Commits, runs and measures on <paramref name="cluster"/> (source on worker 0, sink on worker 1).</summary>
    protected abstract Task<IReadOnlyDictionary<string, double>> MeasureAsync(RemoteCluster cluster, BenchmarkOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Commits, starts, runs for <paramref name="window"/>, stops (drain); returns the time from start to drained, the
    /// report and the CPU time both worker processes used in that time. The first call on a cluster of tiered workers
    /// first runs <see cref="CycleControlPlaneAsync"/>.
    /// </summary>
    protected async Task<(TimeSpan Elapsed, RunReport Report, TimeSpan WorkersCpu)> RunForAsync(RemoteCluster cluster, Graph graph, IReadOnlyDictionary<string, int> placement, TimeSpan window, CancellationToken cancellationToken)
    {
        if (Compilation != WorkerCompilation.FullyOptimized && !_controlPlaneWarm)
        {
            _controlPlaneWarm = true;
            await CycleControlPlaneAsync(cluster, graph, placement, cancellationToken).ConfigureAwait(false);
        }

        return await CommitRunAndResetAsync(cluster, graph, placement, window, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One run of <paramref name="graph"/>: commit, start, <paramref name="window"/>, stop (drain), reset.</summary>
    private static async Task<(TimeSpan Elapsed, RunReport Report, TimeSpan WorkersCpu)> CommitRunAndResetAsync(RemoteCluster cluster, Graph graph, IReadOnlyDictionary<string, int> placement, TimeSpan window, CancellationToken cancellationToken)
    {
        await cluster.CommitAsync(graph, placement, cancellationToken).ConfigureAwait(false);
        try
        {
            var cpu = cluster.WorkersProcessorTime;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await cluster.Manager.StartAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(window, cancellationToken).ConfigureAwait(false);
            var report = await cluster.Manager.StopAsync(cancellationToken).ConfigureAwait(false);
            return (System.Diagnostics.Stopwatch.GetElapsedTime(started), report, cluster.WorkersProcessorTime - cpu);
        }
        finally
        {
            await cluster.Manager.ResetAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Commits, starts, stops and resets <paramref name="graph"/> <see cref="ControlPlaneCycles"/> times, without a
    /// window: brings the control plane's code to its final tier, as a worker that has run for a while has it.
    /// </summary>
    /// <remarks>
    /// Measured on <c>remote.small</c> with perf over its five measured runs: the workers' tiering thread had 9.4 and
    /// 10.5 % of their samples without these cycles, 4.8 and 5.4 % with them. What is still compiled in a window is the
    /// node's own code, which a commit loads afresh, and the workers' periodic work (heartbeats, clock sync).
    /// </remarks>
    private static async Task CycleControlPlaneAsync(RemoteCluster cluster, Graph graph, IReadOnlyDictionary<string, int> placement, CancellationToken cancellationToken)
    {
        for (var cycle = 0; cycle < ControlPlaneCycles; cycle++)
        {
            await CommitRunAndResetAsync(cluster, graph, placement, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }
}
