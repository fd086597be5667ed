using System.Diagnostics;

namespace Chimera.Benchmarks.Harness;

/// <summary>
/// Runs the selected benchmarks in catalog order. A raw baseline and the benchmarks right after it whose figures are
/// compared with it form a group, and a group's measured runs alternate (baseline run 1, figure run 1, baseline run 2,
/// ...) after all its warm-ups, so both sides of a ratio see the same load on a shared machine. A benchmark that is
/// unavailable or throws is reported and the rest go on.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkOptions options, TextWriter log)
{
    /// <summary>How long one run may take before it is cancelled.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs every benchmark that reports a selected metric or a baseline of one; returns the results in catalog order.</summary>
    public async Task<IReadOnlyList<MetricResult>> RunAsync(IReadOnlyList<Benchmark> catalog, CancellationToken cancellationToken)
    {
        var selected = catalog.SelectMany(b => b.Metrics).Where(m => options.Selects(m.Name)).ToList();
        var needed = new HashSet<string>(selected.Select(m => m.Name), StringComparer.Ordinal);
        needed.UnionWith(selected.Where(m => m.Baseline is not null).Select(m => m.Baseline!));

        var results = new List<MetricResult>();
        foreach (var group in Group(catalog.Where(b => b.Metrics.Any(m => needed.Contains(m.Name)))))
        {
            var sessions = group.Select(b => new Session(b)).ToList();
            await RunGroupAsync(sessions, cancellationToken).ConfigureAwait(false);
            results.AddRange(sessions.SelectMany(s => s.Results));
        }

        return results;
    }

    /// <summary>Splits the benchmarks into groups: each starts a group unless one of its figures is compared with a metric of the current group.</summary>
    private static List<List<Benchmark>> Group(IEnumerable<Benchmark> benchmarks)
    {
        var groups = new List<List<Benchmark>>();
        foreach (var benchmark in benchmarks)
        {
            var current = groups.Count > 0 ? groups[^1] : null;
            var names = current?.SelectMany(b => b.Metrics).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            if (names is not null && benchmark.Metrics.Any(m => m.Baseline is not null && names.Contains(m.Baseline)))
            {
                current!.Add(benchmark);
            }
            else
            {
                groups.Add([benchmark]);
            }
        }

        return groups;
    }

    private async Task RunGroupAsync(List<Session> sessions, CancellationToken cancellationToken)
    {
        try
        {
            await RunRoundsAsync(sessions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.Benchmark.CleanupAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunRoundsAsync(List<Session> sessions, CancellationToken cancellationToken)
    {
        foreach (var session in sessions)
        {
            for (var i = 0; i < session.Benchmark.WarmupRuns(options) && !session.Stopped; i++)
            {
                await RunOnceAsync(session, warmup: true, cancellationToken).ConfigureAwait(false);
            }
        }

        var rounds = sessions.Max(s => s.Benchmark.Runs(options));
        for (var round = 0; round < rounds; round++)
        {
            foreach (var session in sessions.Where(s => !s.Stopped && round < s.Benchmark.Runs(options)))
            {
                await RunOnceAsync(session, warmup: false, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var session in sessions.Where(s => !s.Stopped))
        {
            log.WriteLine($"{session.Label}: done in {session.Clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private async Task RunOnceAsync(Session session, bool warmup, CancellationToken cancellationToken)
    {
        session.Clock.Start();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RunTimeout);
            var values = await session.Benchmark.RunOnceAsync(options, timeout.Token).ConfigureAwait(false);
            if (!warmup)
            {
                foreach (var result in session.Results)
                {
                    if (values.TryGetValue(result.Metric.Name, out var value))
                    {
                        result.Runs.Add(value);
                    }
                }
            }

            session.Completed += warmup ? 0 : 1;
            log.WriteLine($"  {(warmup ? "warm-up" : $"run {session.Completed}")}: {string.Join(", ", values.Select(v => $"{v.Key} = {Number.Format(v.Value)}"))}");
        }
        catch (BenchmarkUnavailableException ex)
        {
            session.Stop(result =>
            {
                result.Unavailable = true;
                result.Note = "not available: " + ex.Message;
            });
            log.WriteLine($"{session.Label}: not available: {ex.Message}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            session.Stop(result =>
            {
                result.Failed = true;
                result.Note = $"failed: {ex.GetType().Name}: {ex.Message}";
            });
            log.WriteLine($"{session.Label}: FAILED: {ex}");
        }
        finally
        {
            session.Clock.Stop();
        }
    }

    /// <summary>One benchmark's progress within its group.</summary>
    private sealed class Session(Benchmark benchmark)
    {
        /// <summary>The benchmark.</summary>
        public Benchmark Benchmark { get; } = benchmark;

        /// <summary>Its metrics' results.</summary>
        public List<MetricResult> Results { get; } = [.. benchmark.Metrics.Select(m => new MetricResult(m) { Note = benchmark.Note })];

        /// <summary>Its metric names, for the log.</summary>
        public string Label { get; } = string.Join(", ", benchmark.Metrics.Select(m => m.Name));

        /// <summary>Time spent in its runs.</summary>
        public Stopwatch Clock { get; } = new();

        /// <summary>Measured runs completed.</summary>
        public int Completed { get; set; }

        /// <summary>Whether it became unavailable or failed (no further runs).</summary>
        public bool Stopped { get; private set; }

        /// <summary>Drops its runs and marks every result.</summary>
        public void Stop(Action<MetricResult> mark)
        {
            Stopped = true;
            foreach (var result in Results)
            {
                result.Runs.Clear();
                mark(result);
            }
        }
    }
}
