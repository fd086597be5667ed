using System.Globalization;

namespace Chimera.Cluster.Clock;

/// <summary>
/// A clock whose wall time is shifted by a fixed amount: how tests give a worker process a wrong local clock
/// (<c>CHIMERA_TEST_CLOCK_OFFSET_MS</c>) and check that the cluster clock corrects it.
/// </summary>
internal sealed class OffsetClock(TimeProvider inner, TimeSpan shift) : TimeProvider
{
    /// <summary>The environment variable the <c>chimera worker</c> command reads; meant for tests only.</summary>
    public const string TestVariable = "CHIMERA_TEST_CLOCK_OFFSET_MS";

    /// <summary>How far this clock is ahead of <c>inner</c>.</summary>
    public TimeSpan Shift { get; } = shift;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <summary>The clock the test variable asks for: <paramref name="clock"/> shifted, or <paramref name="clock"/> itself when it is unset.</summary>
    /// <exception cref="FormatException">The variable is set but is not a number of milliseconds.</exception>
    public static TimeProvider FromEnvironment(TimeProvider clock)
    {
        var value = Environment.GetEnvironmentVariable(TestVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return clock;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            throw new FormatException($"{TestVariable} = '{value}' is invalid; expected a number of milliseconds.");
        }

        return new OffsetClock(clock, TimeSpan.FromMilliseconds(ms));
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Shift;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
