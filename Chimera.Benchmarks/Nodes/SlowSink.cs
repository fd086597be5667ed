namespace Chimera.Benchmarks.Nodes;

/// <summary>A sink that takes <see cref="DelayMilliseconds"/> per element (an asynchronous wait), to fall behind its source.</summary>
public sealed class SlowSink : Node
{
    /// <summary>The time per element, in milliseconds. Defaults to 10.</summary>
    public double DelayMilliseconds { get; set; } = 10;

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(DelayMilliseconds), Context.Clock, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
