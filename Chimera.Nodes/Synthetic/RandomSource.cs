namespace Chimera.Nodes;

/// <summary>
/// A source of seeded pseudo-random doubles in [<see cref="Min"/>, <see cref="Max"/>): the same seed gives the same
/// stream on every machine. Known in pipelines as <c>Random</c>.
/// </summary>
public sealed class RandomSource : Node
{
    private System.Random? _random;
    private long _emitted;
    private Pacer? _pacer;

    /// <summary>The seed. Defaults to 0.</summary>
    public int Seed { get; set; }

    /// <summary>The lower bound (inclusive). Defaults to 0.</summary>
    public double Min { get; set; }

    /// <summary>The upper bound (exclusive). Defaults to 1.</summary>
    public double Max { get; set; } = 1;

    /// <summary>How many values before the stream ends; <see langword="null"/> (the default) never ends.</summary>
    public long? Count { get; set; }

    /// <summary>Values per second; <see langword="null"/> or 0 emits as fast as downstream accepts.</summary>
    public double? Rate { get; set; }

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        if (!(Max > Min))
        {
            throw new ArgumentException($"Random '{Name}': max ({Max}) must be greater than min ({Min}).");
        }

        _random = new System.Random(Seed);
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
        return Min + (_random!.NextDouble() * (Max - Min));
    }
}
