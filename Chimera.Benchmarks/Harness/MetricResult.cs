namespace Chimera.Benchmarks.Harness;

/// <summary>The measured runs of one metric, its median, and why it has none when it has none.</summary>
internal sealed class MetricResult(Metric metric)
{
    /// <summary>What was measured.</summary>
    public Metric Metric { get; } = metric;

    /// <summary>The value of each measured run, in order.</summary>
    public List<double> Runs { get; } = [];

    /// <summary>The median of <see cref="Runs"/>, or null when nothing was measured.</summary>
    public double? Median => Runs.Count == 0 ? null : Statistics.Median(Runs);

    /// <summary>How it was measured, or why it was not.</summary>
    public string? Note { get; set; }

    /// <summary>True when the benchmark could not run here (a prerequisite is missing), as opposed to having failed.</summary>
    public bool Unavailable { get; set; }

    /// <summary>True when the benchmark threw.</summary>
    public bool Failed { get; set; }
}
