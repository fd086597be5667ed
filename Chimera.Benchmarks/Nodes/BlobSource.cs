namespace Chimera.Benchmarks.Nodes;

/// <summary>
/// A source of byte arrays of <see cref="Size"/> bytes, a new array per element (the first 8 bytes hold its sequence
/// number) unless <see cref="Repeat"/>, as fast as downstream accepts or paced at <see cref="Rate"/> per second.
/// </summary>
public sealed class BlobSource : Node
{
    /// <summary>Waits up to this long are slept on the thread instead of awaited on a timer.</summary>
    private static readonly TimeSpan PreciseWaitLimit = TimeSpan.FromMilliseconds(5);

    /// <summary>The elements produced so far.</summary>
    private long _sent;

    /// <summary>When the first element was produced, for pacing.</summary>
    private long _startTicks;

    /// <summary>The array every element carries when <see cref="Repeat"/>.</summary>
    private byte[]? _payload;

    /// <summary>Bytes per element. Defaults to 64.</summary>
    public int Size { get; set; } = 64;

    /// <summary>Elements per second; 0 (the default) as fast as downstream accepts.</summary>
    public double Rate { get; set; }

    /// <summary>
    /// Publishes one array, filled once at setup and never written again, as every element, instead of a new array
    /// each. A throughput figure then measures what carries the bytes, as <c>raw.tcp.bulk</c> resends one buffer,
    /// without the cost of producing them (zeroing and faulting in a fresh 6 MB array per element). Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool Repeat { get; set; }

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, 8, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfNegative(Rate, nameof(Rate));
        _startTicks = Context.Clock.GetTimestamp();
        if (Repeat)
        {
            _payload = new byte[Size];
            Random.Shared.NextBytes(_payload);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Rate > 0)
        {
            var due = TimeSpan.FromSeconds(_sent / Rate) - Context.Clock.GetElapsedTime(_startTicks);
            if (due > PreciseWaitLimit)
            {
                await Task.Delay(due - PreciseWaitLimit, Context.Clock, cancellationToken).ConfigureAwait(false);
                due = TimeSpan.FromSeconds(_sent / Rate) - Context.Clock.GetElapsedTime(_startTicks);
            }

            if (due > TimeSpan.Zero)
            {
                // The runtime's timers fire on a millisecond tick (4 ms on the benchmark VM), so Task.Delay alone released
                // elements in bursts of four: the last stretch sleeps the thread, which the kernel wakes on time.
                Thread.Sleep(due);
            }
        }

        var blob = _payload;
        if (blob is null)
        {
            blob = new byte[Size];
            BitConverter.TryWriteBytes(blob, _sent);
        }

        _sent++;

        // Wrapped here with the machine's own clock rather than by the runtime with the worker's cluster clock:
        // LatencySink subtracts this from its own clock reading, and two workers' cluster clocks differ by their sync
        // error (tens of microseconds), which would bias latencies of the same order.
        return DataChunk.Of(blob);
    }
}
