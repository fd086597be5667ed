namespace Chimera.Nodes;

/// <summary>
/// Paces a source at a fixed rate on the node's clock: the n-th wait ends at start + n × period, so small delays do
/// not accumulate into drift. After falling behind by more than a period it restarts from now instead of bursting.
/// </summary>
internal sealed class Pacer
{
    /// <summary>The clock (the cluster's, or a test's).</summary>
    private readonly TimeProvider _clock;

    /// <summary>The time between two ticks.</summary>
    private readonly TimeSpan _period;

    /// <summary>The timestamp of tick 0, set on the first wait.</summary>
    private long? _start;

    /// <summary>Ticks issued since <see cref="_start"/>.</summary>
    private long _ticks;

    /// <summary>Creates a pacer of <paramref name="ratePerSecond"/> ticks a second.</summary>
    public Pacer(TimeProvider clock, double ratePerSecond)
    {
        _clock = clock;
        _period = TimeSpan.FromSeconds(1 / ratePerSecond);
    }

    /// <summary>Waits until the next tick is due (the first tick is immediate).</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetTimestamp();
        _start ??= now;
        var due = _start.Value + (long)(_period.TotalSeconds * _ticks * _clock.TimestampFrequency);
        var delay = TimeSpan.FromSeconds((double)(due - now) / _clock.TimestampFrequency);
        _ticks++;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
        }
        else if (-delay > _period)
        {
            _start = now;
            _ticks = 1;
        }
    }
}
