namespace Chimera.Cluster.Clock;

/// <summary>
/// One NTP-style probe: the worker sent at <c>t0</c> (local), the manager received at <c>t1</c> and answered at
/// <c>t2</c> (manager time), the worker got the answer at <c>t3</c> (local).
/// </summary>
/// <param name="Offset">Manager minus local: ((t1 - t0) + (t2 - t3)) / 2.</param>
/// <param name="RoundTrip">Time on the wire: (t3 - t0) - (t2 - t1). The offset is within half of it.</param>
/// <param name="LocalTime">When the probe came back, on the local clock.</param>
internal readonly record struct ClockSample(TimeSpan Offset, TimeSpan RoundTrip, DateTimeOffset LocalTime)
{
    /// <summary>How far <see cref="Offset"/> may be off: half the round trip (the whole asymmetry could be on one leg).</summary>
    public TimeSpan Uncertainty => RoundTrip / 2;

    /// <summary>Computes the sample of one probe.</summary>
    public static ClockSample From(DateTimeOffset t0, DateTimeOffset t1, DateTimeOffset t2, DateTimeOffset t3)
    {
        var offset = ((t1 - t0) + (t2 - t3)) / 2;
        var roundTrip = (t3 - t0) - (t2 - t1);
        return new ClockSample(offset, roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip, t3);
    }
}
