using System.Runtime.CompilerServices;

namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// ctapipe flow's producer: yields <see cref="Count"/> items, numbers and text mixed (odd positions a number, even
/// ones a message), so the next step has something to route by type.
/// </summary>
public sealed class Producer : AsyncSourceNode
{
    /// <summary>How many items to produce. Defaults to 20.</summary>
    public int Count { get; set; } = 20;

    /// <summary>Pause between items in milliseconds, standing in for reading an event from disk. Defaults to 5.</summary>
    public int IntervalMs { get; set; } = 5;

    /// <inheritdoc />
    protected override async IAsyncEnumerable<object?> ProduceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= Count; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(IntervalMs), Context.Clock, cancellationToken).ConfigureAwait(false);

            // A producer written with yield, as in ctapipe; the stream ends when the loop does.
            yield return i % 2 == 1 ? (long)i : $"event {i}";
        }
    }
}
