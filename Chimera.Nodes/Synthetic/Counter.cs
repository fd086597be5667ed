namespace Chimera.Nodes;

/// <summary>
/// A source that emits consecutive integers (<see cref="long"/>) from <see cref="Start"/>: <see cref="Count"/> of them
/// and then ends, or forever when <see cref="Count"/> is unset. <see cref="Rate"/> paces it on the cluster clock.
/// </summary>
public sealed class Counter : Node
{
    private long _next;
    private long _emitted;
    private Pacer? _pacer;

    /// <summary>The first value. Defaults to 0.</summary>
    public long Start { get; set; }

    /// <summary>How many values to emit before the stream ends; <see langword="null"/> (the default) never ends.</summary>
    public long? Count { get; set; }

    /// <summary>Values per second; <see langword="null"/> or 0 (the default) emits as fast as downstream accepts.</summary>
    public double? Rate { get; set; }

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        if (Count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"Counter '{Name}': count must be 0 or more.");
        }

        if (Rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, $"Counter '{Name}': rate must be 0 or more.");
        }

        _next = Start;
        _emitted = 0;
        _pacer = Rate is > 0 and var rate ? new Pacer(Context.Clock, rate) : null;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Count is { } count && _emitted >= count)
        {
            EndStream();
            return null;
        }

        if (_pacer is not null)
        {
            await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _emitted++;
        if (Count is { } total && _emitted >= total)
        {
            EndStream();
        }

        return _next++;
    }
}
