using System.Diagnostics;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>memory.slowsink.rss_growth_mb</c>: a source of 64 KB arrays at 1 000/s into a sink that needs 10 ms each (10×
/// slower) over a lossless edge, across two embedded workers, for 60 s (30 s quick). Backpressure must hold the
/// source back, so memory stays flat. The value is the highest resident set size seen (sampled every 250 ms) minus the
/// resident set size after the commit and a full collection, in MB (10^6 bytes); the late growth is the peak minus
/// the peak of the first half (about 0 when memory is bounded). One run; it is not repeated.
/// </summary>
internal sealed class MemorySlowSink : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "memory.slowsink.rss_growth_mb";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure(Name, "MB", goal: Goal.Below(50), lowerIsBetter: true),
        Metric.Figure(LateGrowth, "MB", lowerIsBetter: true),
    ];

    /// <summary>The growth in the second half: near 0 when memory is bounded, the leak rate otherwise.</summary>
    public const string LateGrowth = "memory.slowsink.rss_late_growth_mb";

    /// <inheritdoc />
    public override int WarmupRuns(BenchmarkOptions options) => 0;

    /// <inheritdoc />
    public override int Runs(BenchmarkOptions options) => 1;

    /// <inheritdoc />
    public override string Note => "BlobSource (64 KB, 1 000/s) on w1 → SlowSink (10 ms each) on w2, embedded cluster (one process, so RSS covers both workers); max RSS (Environment.WorkingSet, every 250 ms) − RSS after commit + GC; one run of 60 s (30 s quick). late_growth = peak − peak of the first half.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var duration = options.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60);
        var graph = new Graph("slow-sink")
            .AddNode("source", new BlobSource { Size = 64 * 1024, Rate = 1000 })
            .AddNode("sink", new SlowSink { DelayMilliseconds = 10 })
            .AddEdge("source", "sink");
        var manager = new Manager();
        await using (manager.ConfigureAwait(false))
        {
            await manager.CommitGraphAsync(graph, EmbeddedRun.TwoWorkers(["source"], ["sink"]), cancellationToken).ConfigureAwait(false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = Environment.WorkingSet;
            var peak = before;
            var firstHalfPeak = before;
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (Stopwatch.GetElapsedTime(started) < duration && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                if (Stopwatch.GetElapsedTime(started) < duration / 2)
                {
                    firstHalfPeak = peak;
                }
            }

            var report = await manager.StopAsync(cancellationToken).ConfigureAwait(false);
            var sunk = EmbeddedRun.Steps(report, "sink");
            if (sunk == 0)
            {
                throw new InvalidOperationException("The slow sink received nothing.");
            }

            return new Dictionary<string, double>
            {
                [Name] = (peak - before) / 1e6,
                [LateGrowth] = (peak - firstHalfPeak) / 1e6,
            };
        }
    }
}
