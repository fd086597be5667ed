namespace Chimera.Cluster.Clock;

/// <summary>
/// Keeps a <see cref="ClusterClock"/> on the manager's timeline: every <see cref="Interval"/> it sends a burst of
/// NTP-style probes over the control connection, keeps the burst's probe with the smallest round trip, and applies
/// the best of the last <see cref="Window"/> bursts (the smallest round trip again: the least queuing, so the least
/// asymmetry). Uncertainty is half that round trip.
/// </summary>
/// <remarks>
/// The minimum-delay filter is what NTP's clock filter and LSL's time correction do: a probe that waited in a queue
/// on either leg has a longer round trip and a biased offset, so it loses. A window of a few seconds follows drift
/// (crystal drift is some microseconds per second) while riding out bursts of load.
/// </remarks>
internal sealed class ClockSync
{
    /// <summary>Sends one probe and returns the manager's answer.</summary>
    private readonly Func<ClockProbeRequest, CancellationToken, Task<ClockProbeResponse>> _probe;

    /// <summary>The best sample of each recent burst, oldest first.</summary>
    private readonly Queue<ClockSample> _window = new();

    /// <summary>Creates the loop for <paramref name="clock"/>, probing through <paramref name="probe"/>.</summary>
    public ClockSync(ClusterClock clock, Func<ClockProbeRequest, CancellationToken, Task<ClockProbeResponse>> probe)
    {
        Clock = clock;
        _probe = probe;
    }

    /// <summary>The clock being corrected.</summary>
    public ClusterClock Clock { get; }

    /// <summary>Time between bursts. Defaults to 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probes per burst. Defaults to 8.</summary>
    public int Burst { get; init; } = 8;

    /// <summary>How many bursts' best samples are kept. Defaults to 8 (8 s at the default interval).</summary>
    public int Window { get; init; } = 8;

    /// <summary>The sample behind the clock's current offset, or <see langword="null"/> before the first success.</summary>
    public ClockSample? Current { get; private set; }

    /// <summary>Raised after each applied estimate (on the loop's thread).</summary>
    public event Action<ClockSample>? Updated;

    /// <summary>Probes until cancelled. Failed bursts (the manager is not up) are skipped; the clock keeps its last estimate.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Interval, Clock.Local, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one burst and applies the filtered estimate; returns it, or <see langword="null"/> when no probe got through.</summary>
    public async Task<ClockSample?> SyncOnceAsync(CancellationToken cancellationToken)
    {
        ClockSample? best = null;
        for (var i = 0; i < Burst; i++)
        {
            ClockSample sample;
            try
            {
                sample = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ControlApiException or HttpRequestException or System.Text.Json.JsonException)
            {
                continue;
            }

            if (best is null || sample.RoundTrip < best.Value.RoundTrip)
            {
                best = sample;
            }
        }

        if (best is not { } burst)
        {
            return null;
        }

        _window.Enqueue(burst);
        while (_window.Count > Window)
        {
            _window.Dequeue();
        }

        var chosen = _window.MinBy(s => s.RoundTrip);
        Clock.Update(chosen.Offset, chosen.Uncertainty);
        Current = chosen;
        Updated?.Invoke(chosen);
        return chosen;
    }

    /// <summary>One probe: t0 and t3 from the local clock, t3 measured on its monotonic timestamp so a wall-clock step cannot corrupt it.</summary>
    private async Task<ClockSample> ProbeAsync(CancellationToken cancellationToken)
    {
        var t0 = Clock.Local.GetUtcNow();
        var start = Clock.Local.GetTimestamp();
        var answer = await _probe(new ClockProbeRequest(t0.UtcTicks), cancellationToken).ConfigureAwait(false);
        var t3 = t0 + Clock.Local.GetElapsedTime(start);
        return ClockSample.From(
            t0,
            new DateTimeOffset(answer.ReceivedTicks, TimeSpan.Zero),
            new DateTimeOffset(answer.AnsweredTicks, TimeSpan.Zero),
            t3);
    }
}
