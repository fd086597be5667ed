using System.Globalization;

namespace Chimera.Benchmarks.Harness;

/// <summary>A figure's goal: a target for its median (in the figure's unit) or for its ratio to the baseline.</summary>
/// <param name="Comparison">How the value is compared with <paramref name="Target"/>.</param>
/// <param name="Target">The target.</param>
/// <param name="OnRatio">True when the goal applies to the ratio, false when it applies to the median.</param>
internal sealed record Goal(GoalComparison Comparison, double Target, bool OnRatio)
{
    /// <summary>A goal on the ratio to the baseline: at least <paramref name="target"/>.</summary>
    public static Goal RatioAtLeast(double target) => new(GoalComparison.AtLeast, target, OnRatio: true);

    /// <summary>A goal on the median: at least <paramref name="target"/>.</summary>
    public static Goal AtLeast(double target) => new(GoalComparison.AtLeast, target, OnRatio: false);

    /// <summary>A goal on the median: at most <paramref name="target"/>.</summary>
    public static Goal AtMost(double target) => new(GoalComparison.AtMost, target, OnRatio: false);

    /// <summary>A goal on the median: below <paramref name="target"/>.</summary>
    public static Goal Below(double target) => new(GoalComparison.Below, target, OnRatio: false);

    /// <summary>Whether the median (or the ratio) meets the goal; null when the needed value is missing.</summary>
    public bool? IsMet(double? median, double? ratio)
    {
        var value = OnRatio ? ratio : median;
        if (value is not { } v)
        {
            return null;
        }

        return Comparison switch
        {
            GoalComparison.AtLeast => v >= Target,
            GoalComparison.AtMost => v <= Target,
            _ => v < Target,
        };
    }

    /// <summary>The goal in words, e.g. <c>ratio ≥ 0.5</c> or <c>≤ 100 µs</c>.</summary>
    public string Describe(string unit)
    {
        var op = Comparison switch
        {
            GoalComparison.AtLeast => "≥",
            GoalComparison.AtMost => "≤",
            _ => "<",
        };
        return OnRatio
            ? $"ratio {op} {Target.ToString("0.##", CultureInfo.InvariantCulture)}"
            : $"{op} {Number.Format(Target)} {unit}";
    }
}
