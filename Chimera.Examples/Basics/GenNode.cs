namespace Chimera.Examples.Basics;

/// <summary>ChimeraPy's basics source: emits <see cref="Value"/> a fixed number of times, pacing itself.</summary>
public sealed class GenNode : Node
{
    private int _sent;

    /// <summary>The value emitted every step. Defaults to 2.</summary>
    public long Value { get; set; } = 2;

    /// <summary>How many values to emit before the stream ends. Defaults to 5.</summary>
    public int Count { get; set; } = 5;

    /// <summary>Pause between values, in milliseconds. Defaults to 100.</summary>
    public int IntervalMs { get; set; } = 100;

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (_sent > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(IntervalMs), Context.Clock, cancellationToken).ConfigureAwait(false);
        }

        if (++_sent >= Count)
        {
            EndStream();
        }

        return Value;
    }
}
