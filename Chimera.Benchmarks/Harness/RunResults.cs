namespace Chimera.Benchmarks.Harness;

/// <summary>Everything one invocation measured, with the ratio of each figure to its baseline and whether it met its goal.</summary>
internal sealed class RunResults(MachineInfo machine, IReadOnlyList<MetricResult> results, TimeSpan elapsed, bool quick)
{
    /// <summary>The machine.</summary>
    public MachineInfo Machine { get; } = machine;

    /// <summary>Every metric, figures and baselines, in the order they ran.</summary>
    public IReadOnlyList<MetricResult> Results { get; } = results;

    /// <summary>How long the whole invocation took.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>Whether it ran in quick mode.</summary>
    public bool Quick { get; } = quick;

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
    public double? RatioOf(MetricResult figure)
    {
        if (figure.Median is not { } value || BaselineOf(figure)?.Median is not { } baseline || value == 0 || baseline == 0)
        {
            return null;
        }

        return figure.Metric.LowerIsBetter ? baseline / value : value / baseline;
    }

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
