using System.Globalization;

namespace Chimera.Benchmarks.Harness;

/// <summary>Formats measured values for the table: three significant digits with k/M/G suffixes for large values.</summary>
internal static class Number
{
    /// <summary>Formats <paramref name="value"/> compactly, e.g. <c>3.12M</c>, <c>845k</c>, <c>12.3</c>, <c>0.118</c>.</summary>
    public static string Format(double value)
    {
        var abs = Math.Abs(value);
        return abs switch
        {
            >= 1e9 => Scaled(value / 1e9) + "G",
            >= 1e6 => Scaled(value / 1e6) + "M",
            >= 1e4 => Scaled(value / 1e3) + "k",
            _ => Scaled(value),
        };
    }

    /// <summary>Formats a ratio with two decimals.</summary>
    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Scaled(double value)
    {
        var abs = Math.Abs(value);
        var format = abs >= 100 ? "0" : abs >= 10 ? "0.0" : abs >= 1 ? "0.00" : "0.###";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
