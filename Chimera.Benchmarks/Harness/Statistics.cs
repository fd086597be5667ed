namespace Chimera.Benchmarks.Harness;

/// <summary>Medians and percentiles of samples.</summary>
internal static class Statistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The <paramref name="p"/>-th percentile (0-100) by the nearest-rank method; sorts <paramref name="values"/> in place.</summary>
    public static double Percentile(double[] values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Length);
        Array.Sort(values);
        var rank = (int)Math.Ceiling(p / 100 * values.Length);
        return values[Math.Clamp(rank - 1, 0, values.Length - 1)];
    }
}
