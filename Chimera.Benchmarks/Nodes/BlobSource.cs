namespace Chimera.Benchmarks.Nodes;

/// <summary>
/// A source of byte arrays of <see cref="Size"/> bytes, a new array per element (the first 8 bytes hold its sequence
/// number), as fast as downstream accepts or paced at <see cref="Rate"/> per second.
/// </summary>
public sealed class BlobSource : Node
{
    /// <summary>The elements produced so far.</summary>
    private long _sent;

    /// <summary>When the first element was produced, for pacing.</summary>
    private long _startTicks;

    /// <summary>Bytes per element. Defaults to 64.</summary>
    public int Size { get; set; } = 64;

    /// <summary>Elements per second; 0 (the default) as fast as downstream accepts.</summary>
    public double Rate { get; set; }

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, 8, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfNegative(Rate, nameof(Rate));
        _startTicks = Context.Clock.GetTimestamp();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Rate > 0)
        {
            var due = TimeSpan.FromSeconds(_sent / Rate) - Context.Clock.GetElapsedTime(_startTicks);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, Context.Clock, cancellationToken).ConfigureAwait(false);
            }
        }

        var blob = new byte[Size];
        BitConverter.TryWriteBytes(blob, _sent++);
        return blob;
    }
}
