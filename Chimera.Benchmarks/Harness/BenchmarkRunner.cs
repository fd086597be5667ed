using System.Diagnostics;

namespace Chimera.Benchmarks.Harness;

/// <summary>
/// Runs the selected benchmarks in catalog order (each baseline is registered just before the figures it pairs with):
/// warm-up runs, then measured runs; a benchmark that is unavailable or throws is reported and the rest go on.
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
        foreach (var benchmark in catalog)
        {
            if (!benchmark.Metrics.Any(m => needed.Contains(m.Name)))
            {
                continue;
            }

            results.AddRange(await RunOneAsync(benchmark, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IReadOnlyList<MetricResult>> RunOneAsync(Benchmark benchmark, CancellationToken cancellationToken)
    {
        var results = benchmark.Metrics.Select(m => new MetricResult(m) { Note = benchmark.Note }).ToList();
        var label = string.Join(", ", benchmark.Metrics.Select(m => m.Name));
        var total = benchmark.WarmupRuns + benchmark.Runs(options);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < total; i++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RunTimeout);
                var values = await benchmark.RunOnceAsync(options, timeout.Token).ConfigureAwait(false);
                var warmup = i < benchmark.WarmupRuns;
                if (!warmup)
                {
                    foreach (var result in results)
                    {
                        if (values.TryGetValue(result.Metric.Name, out var value))
                        {
                            result.Runs.Add(value);
                        }
                    }
                }

                log.WriteLine($"  {(warmup ? "warm-up" : $"run {i - benchmark.WarmupRuns + 1}")}: {string.Join(", ", values.Select(v => $"{v.Key} = {Number.Format(v.Value)}"))}");
            }

            log.WriteLine($"{label}: done in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        catch (BenchmarkUnavailableException ex)
        {
            foreach (var result in results)
            {
                result.Runs.Clear();
                result.Unavailable = true;
                result.Note = "not available: " + ex.Message;
            }

            log.WriteLine($"{label}: not available: {ex.Message}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            foreach (var result in results)
            {
                result.Runs.Clear();
                result.Failed = true;
                result.Note = $"failed: {ex.GetType().Name}: {ex.Message}";
            }

            log.WriteLine($"{label}: FAILED: {ex}");
        }

        return results;
    }
}
