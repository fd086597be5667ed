namespace Chimera.TestNodes;

/// <summary>A source of <see cref="Count"/> consecutive integers (endless when 0), optionally paced.</summary>
public sealed class Numbers : Node
{
    private long _next;

    /// <summary>How many numbers; 0 for endless.</summary>
    public long Count { get; set; }

    /// <summary>Pause between numbers in milliseconds.</summary>
    public int DelayMs { get; set; }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs, cancellationToken).ConfigureAwait(false);
        }

        if (Count > 0 && _next + 1 >= Count)
        {
            EndStream();
        }

        return _next++;
    }
}
