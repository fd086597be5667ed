namespace Chimera.Cluster.Membership;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al.), as Akka.Cluster uses it: heartbeat intervals are sampled,
/// and phi = -log10(1 - F(time since last heartbeat)) under a normal distribution whose mean is the mean interval plus
/// the acceptable pause. A member is considered unreachable when phi exceeds the threshold.
/// </summary>
internal sealed class PhiAccrualFailureDetector
{
    private readonly double _threshold;
    private readonly int _maxSamples;
    private readonly double _minStdDevMs;
    private readonly double _acceptablePauseMs;
    private readonly TimeProvider _clock;
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _sumSquares;
    private long _last;

    public PhiAccrualFailureDetector(
        TimeProvider clock,
        double threshold = 8,
        TimeSpan? acceptablePause = null,
        TimeSpan? firstHeartbeatEstimate = null,
        TimeSpan? minStdDev = null,
        int maxSamples = 1000)
    {
        _clock = clock;
        _threshold = threshold;
        _maxSamples = maxSamples;
        _minStdDevMs = (minStdDev ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds;
        _acceptablePauseMs = (acceptablePause ?? TimeSpan.FromSeconds(3)).TotalMilliseconds;

        // Seed with the expected interval (and a deviation of a quarter of it), as Akka does, so phi is meaningful from the first heartbeat.
        var first = (firstHeartbeatEstimate ?? TimeSpan.FromSeconds(1)).TotalMilliseconds;
        var deviation = first / 4;
        Add(first - deviation);
        Add(first + deviation);
        _last = clock.GetTimestamp();
    }

    /// <summary>Records a heartbeat now.</summary>
    public void Heartbeat()
    {
        var now = _clock.GetTimestamp();
        Add(_clock.GetElapsedTime(_last, now).TotalMilliseconds);
        _last = now;
    }

    /// <summary>The current suspicion level.</summary>
    public double Phi() => PhiAfter(_clock.GetElapsedTime(_last).TotalMilliseconds);

    /// <summary>
    /// How long after the last heartbeat phi reaches the threshold, given the intervals seen so far: with the defaults
    /// (1 s heartbeats, 3 s acceptable pause, threshold 8) about 4.5 s on a steady connection, more when heartbeats
    /// have arrived irregularly, since the detector then allows more lateness.
    /// </summary>
    public TimeSpan SilenceToSuspect()
    {
        // Phi grows with the silence, so bisect: 60 halvings of a day-long range are finer than a tick.
        double low = 0, high = TimeSpan.FromDays(1).TotalMilliseconds;
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            (PhiAfter(middle) < _threshold ? ref low : ref high) = middle;
        }

        return TimeSpan.FromMilliseconds(high);
    }

    /// <summary>Phi after <paramref name="elapsedMs"/> of silence.</summary>
    private double PhiAfter(double elapsedMs)
    {
        var n = _intervals.Count;
        var mean = (_sum / n) + _acceptablePauseMs;
        var variance = Math.Max(0, (_sumSquares / n) - ((_sum / n) * (_sum / n)));
        var stdDev = Math.Max(Math.Sqrt(variance), _minStdDevMs);

        // Logistic approximation of the normal CDF tail (Akka.Remote's PhiAccrualFailureDetector).
        var y = (elapsedMs - mean) / stdDev;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return elapsedMs > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    /// <summary>Whether phi is below the threshold.</summary>
    public bool IsAvailable => Phi() < _threshold;

    private void Add(double intervalMs)
    {
        if (_intervals.Count >= _maxSamples)
        {
            var old = _intervals.Dequeue();
            _sum -= old;
            _sumSquares -= old * old;
        }

        _intervals.Enqueue(intervalMs);
        _sum += intervalMs;
        _sumSquares += intervalMs * intervalMs;
    }
}
