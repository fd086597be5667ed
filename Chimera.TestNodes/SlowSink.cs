namespace Chimera.TestNodes;

/// <summary>A sink that takes <see cref="DelayMs"/> per element, to make its producers wait.</summary>
public sealed class SlowSink : Node
{
    /// <summary>Time spent per element.</summary>
    public int DelayMs { get; set; } = 5;

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        await Task.Delay(DelayMs, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
