using System.Globalization;

namespace Chimera.TestKit;

/// <summary>
/// How long the TestKit waits in real time. Every timeout it uses (the default and any given explicitly) is multiplied
/// by the time factor from the <c>CHIMERA_TEST_TIMEFACTOR</c> environment variable, so a slow CI machine can stretch
/// all waits at once instead of each test guessing.
/// </summary>
public static class TestTimeouts
{
    /// <summary>The environment variable that holds the time factor.</summary>
    public const string VariableName = "CHIMERA_TEST_TIMEFACTOR";

    /// <summary>The unscaled default wait for an expectation: 3 seconds, as in Akka's TestKit.</summary>
    public static readonly TimeSpan UnscaledDefault = TimeSpan.FromSeconds(3);

    /// <summary>The factor, read once; an invalid value is remembered and reported on every use.</summary>
    private static readonly Lazy<double> s_factor = new(() => Parse(Environment.GetEnvironmentVariable(VariableName)));

    /// <summary>The time factor: 1 unless <c>CHIMERA_TEST_TIMEFACTOR</c> says otherwise.</summary>
    /// <exception cref="InvalidOperationException">The variable is set to something that is not a positive number.</exception>
    public static double Factor => s_factor.Value;

    /// <summary>The default wait for an expectation, scaled: 3 seconds times <see cref="Factor"/>.</summary>
    public static TimeSpan Default => Scale(UnscaledDefault);

    /// <summary>Multiplies <paramref name="timeout"/> by <see cref="Factor"/>; <see cref="Timeout.InfiniteTimeSpan"/> stays infinite.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (and not infinite).</exception>
    public static TimeSpan Scale(TimeSpan timeout) => ScaleBy(timeout, Factor);

    /// <summary>Scales an optional timeout, falling back to <see cref="Default"/>.</summary>
    internal static TimeSpan Resolve(TimeSpan? timeout) => timeout is { } given ? Scale(given) : Default;

    /// <summary>Multiplies <paramref name="timeout"/> by <paramref name="factor"/>, saturating at the largest wait a timer accepts.</summary>
    internal static TimeSpan ScaleBy(TimeSpan timeout, double factor)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var max = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        var ticks = timeout.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Reads a time factor; <see langword="null"/> or blank means 1.</summary>
    /// <exception cref="InvalidOperationException">The value is not a finite number greater than 0.</exception>
    internal static double Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1.0;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && double.IsFinite(factor) && factor > 0)
        {
            return factor;
        }

        throw new InvalidOperationException(
            $"{VariableName} = '{value}' is invalid; expected a number greater than 0 such as 1, 2 or 2.5 (it multiplies every TestKit timeout). Unset it to use 1.");
    }
}
