namespace Chimera.Benchmarks.Harness;

/// <summary>
/// One measurement: each run does the work once and returns a value for every one of its <see cref="Metrics"/>. The
/// runner warms it up, repeats it and takes the median of each metric.
/// </summary>
internal abstract class Benchmark
{
    /// <summary>The values this benchmark reports.</summary>
    public abstract IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Runs discarded before the measured ones, given the options. Defaults to 1.</summary>
    public virtual int WarmupRuns(BenchmarkOptions options) => 1;

    /// <summary>How many measured runs, given the options. Defaults to 3 in quick mode and 5 otherwise.</summary>
    public virtual int Runs(BenchmarkOptions options) => options.Quick ? 3 : 5;

    /// <summary>Does the work once and returns the value of each metric by name.</summary>
    /// <exception cref="BenchmarkUnavailableException">What the benchmark needs is not there (yet).</exception>
    public abstract Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken);

    /// <summary>A note for the JSON and the table (e.g. how it was measured), or null.</summary>
    public virtual string? Note => null;

    /// <summary>Releases what the runs kept between them (e.g. worker processes); the runner calls it once after the last run, even after a failure.</summary>
    public virtual ValueTask CleanupAsync() => ValueTask.CompletedTask;
}
