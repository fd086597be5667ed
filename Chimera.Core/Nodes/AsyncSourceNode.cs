namespace Chimera;

/// <summary>
/// A source written as an async producer: every value the enumerable yields is published, and the stream ends when the
/// enumerable does. Use it when a loop with <c>await foreach</c> reads more naturally than a step function.
/// </summary>
public abstract class AsyncSourceNode : Node
{
    /// <summary>Produces the stream. The token is cancelled when the run stops the source (a normal end) or aborts.</summary>
    protected internal abstract IAsyncEnumerable<object?> ProduceAsync(CancellationToken cancellationToken);
}
