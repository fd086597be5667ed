namespace Chimera.Benchmarks.Harness;

/// <summary>Everything one invocation measured, with the ratio of each figure to its baseline and whether it met its goal.</summary>
internal sealed class RunResults(MachineInfo machine, IReadOnlyList<MetricResult> results, TimeSpan elapsed, bool quick, TimeSpan window)
{
    /// <summary>The machine.</summary>
    public MachineInfo Machine { get; } = machine;

    /// <summary>Every metric, figures and baselines, in the order they ran.</summary>
    public IReadOnlyList<MetricResult> Results { get; } = results;

    /// <summary>How long the whole invocation took.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>Whether it ran in quick mode.</summary>
    public bool Quick { get; } = quick;

    /// <summary>The measurement window of throughput runs (<see cref="BenchmarkOptions.Window"/>), so a report made with <c>--window</c> says so.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>The figures (not baselines).</summary>
    public IEnumerable<MetricResult> Figures => Results.Where(r => !r.Metric.IsBaseline);

    /// <summary>The baselines.</summary>
    public IEnumerable<MetricResult> Baselines => Results.Where(r => r.Metric.IsBaseline);

    /// <summary>The baseline result a figure is compared with, or null.</summary>
    public MetricResult? BaselineOf(MetricResult figure) =>
        figure.Metric.Baseline is { } name ? Results.FirstOrDefault(r => r.Metric.Name == name) : null;

    /// <summary>
    /// The share of the baseline's performance the figure reached: figure / baseline, or baseline / figure when lower
    /// is better (latency, time, memory), so 1.0 always means "as good as raw" and higher is always better.
    /// </summary>
    /// <remarks>
    /// When the figure and its baseline have the same number of runs, each figure run is divided by the baseline run of
    /// the same round (the runner alternates them, so the two ran seconds apart) and the median of those ratios is the
    /// ratio: a swing of the shared machine's load that slows both sides of a round then cancels out, where the ratio of
    /// the two medians could pair a slow run of one side with a fast run of the other. Otherwise (a side stopped early,
    /// or runs a different number of times) it is the ratio of the medians.
    /// </remarks>
    public double? RatioOf(MetricResult figure)
    {
        if (PairedRatiosOf(figure) is { Count: > 0 } paired)
        {
            return Statistics.Median(paired);
        }

        if (figure.Median is not { } value || BaselineOf(figure)?.Median is not { } baseline || value == 0 || baseline == 0)
        {
            return null;
        }

        return Ratio(figure.Metric, value, baseline);
    }

    /// <summary>
    /// The ratio of each figure run to the baseline run of its round, in order; null when the two sides do not have the
    /// same number of runs (or one has none), so that rounds cannot be paired. A round with a zero on either side is left out.
    /// </summary>
    public IReadOnlyList<double>? PairedRatiosOf(MetricResult figure)
    {
        if (BaselineOf(figure) is not { } baseline || figure.Runs.Count == 0 || figure.Runs.Count != baseline.Runs.Count)
        {
            return null;
        }

        var ratios = new List<double>(figure.Runs.Count);
        for (var i = 0; i < figure.Runs.Count; i++)
        {
            if (figure.Runs[i] != 0 && baseline.Runs[i] != 0)
            {
                ratios.Add(Ratio(figure.Metric, figure.Runs[i], baseline.Runs[i]));
            }
        }

        return ratios;
    }

    /// <summary>One figure value against one baseline value, higher always better.</summary>
    private static double Ratio(Metric metric, double value, double baseline) =>
        metric.LowerIsBetter ? baseline / value : value / baseline;

    /// <summary>"pass", "FAIL", "n/a" (not measured) or "-" (no goal).</summary>
    public string StatusOf(MetricResult figure)
    {
        if (figure.Unavailable)
        {
            return "n/a";
        }

        if (figure.Failed)
        {
            return "error";
        }

        if (figure.Metric.Goal is not { } goal)
        {
            return "-";
        }

        return goal.IsMet(figure.Median, RatioOf(figure)) switch
        {
            true => "pass",
            false => "FAIL",
            null => "n/a",
        };
    }
}
