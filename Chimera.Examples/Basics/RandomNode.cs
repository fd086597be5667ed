namespace Chimera.Examples.Basics;

/// <summary>
/// ChimeraPy's <c>RandomNode</c>: a source that emits a random integer in [0, <see cref="Max"/>) every
/// <see cref="IntervalMs"/> milliseconds. Seeded, so a run is repeatable on any machine.
/// </summary>
public sealed class RandomNode : Node
{
    /// <summary>The generator, created in setup so each run starts from <see cref="Seed"/> again.</summary>
    private Random? _random;

    /// <summary>Values sent so far.</summary>
    private int _sent;

    /// <summary>The seed. Defaults to 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The exclusive upper bound. Defaults to 100, as in ChimeraPy's example.</summary>
    public int Max { get; set; } = 100;

    /// <summary>How many values to emit before the stream ends. Defaults to 5.</summary>
    public int Count { get; set; } = 5;

    /// <summary>Pause between values, in milliseconds. Defaults to 100.</summary>
    public int IntervalMs { get; set; } = 100;

    /// <inheritdoc />
    protected override void Setup()
    {
        _random = new Random(Seed);
        _sent = 0;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        // Pace on the node's clock (not Thread.Sleep as in Python): the stage stays cancellable and tests can fake time.
        if (_sent > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(IntervalMs), Context.Clock, cancellationToken).ConfigureAwait(false);
        }

        if (++_sent >= Count)
        {
            EndStream();
        }

        return (long)_random!.Next(Max);
    }
}
