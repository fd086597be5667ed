namespace Chimera;

/// <summary>Options of one node in a graph: how it triggers, how many instances run, and how failures are handled.</summary>
public sealed class NodeOptions
{
    private int _parallelism = 1;
    private int _maxRestarts = 10;
    private TimeSpan _restartBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// When a node with several inputs steps. <see langword="null"/> means the default, <see cref="TriggerMode.Latest"/>.
    /// A source has no inputs and must leave this unset.
    /// </summary>
    public TriggerMode? Trigger { get; set; }

    /// <summary>How many instances of the node run in parallel (ctapipe's <c>nb_process</c>); each element goes to the least busy.</summary>
    /// <value>At least 1. Defaults to 1. A source runs one instance.</value>
    public int Parallelism
    {
        get => _parallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Parallelism));
            _parallelism = value;
        }
    }

    /// <summary>What happens when a step throws. Defaults to <see cref="SupervisionStrategy.Stop"/>.</summary>
    public SupervisionStrategy Supervision { get; set; } = SupervisionStrategy.Stop;

    /// <summary>How many times an instance may be restarted before the failure stops the graph.</summary>
    /// <value>At least 0. Defaults to 10.</value>
    public int MaxRestarts
    {
        get => _maxRestarts;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxRestarts));
            _maxRestarts = value;
        }
    }

    /// <summary>How long to wait before a restarted instance is set up again.</summary>
    /// <value>Zero or more. Defaults to 100 ms.</value>
    public TimeSpan RestartBackoff
    {
        get => _restartBackoff;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(RestartBackoff));
            _restartBackoff = value;
        }
    }
}
