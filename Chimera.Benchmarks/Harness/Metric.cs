namespace Chimera.Benchmarks.Harness;

/// <summary>
/// One named value a benchmark reports: a figure (Chimera measured end to end) or a baseline (the same work done with
/// the bare .NET machinery, measured in the same process run).
/// </summary>
/// <param name="Name">The name in the table and the JSON, e.g. <c>inproc.small.throughput</c>.</param>
/// <param name="Unit">The unit, e.g. <c>msg/s</c>, <c>GB/s</c>, <c>µs</c>.</param>
/// <param name="IsBaseline">True for a raw baseline.</param>
/// <param name="Baseline">For a figure, the name of the baseline it is compared with; null when it has none.</param>
/// <param name="Goal">For a figure, its goal; null when the figure is only reported.</param>
/// <param name="LowerIsBetter">True for latencies, times and memory: the ratio is then baseline / figure.</param>
internal sealed record Metric(string Name, string Unit, bool IsBaseline, string? Baseline = null, Goal? Goal = null, bool LowerIsBetter = false)
{
    /// <summary>A raw baseline.</summary>
    public static Metric Raw(string name, string unit, bool lowerIsBetter = false) => new(name, unit, IsBaseline: true, LowerIsBetter: lowerIsBetter);

    /// <summary>A figure.</summary>
    public static Metric Figure(string name, string unit, string? baseline = null, Goal? goal = null, bool lowerIsBetter = false) =>
        new(name, unit, IsBaseline: false, baseline, goal, lowerIsBetter);
}
