using System.Diagnostics;
using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

public sealed partial class SubscriberProbe
{
    /// <summary>
    /// Expects the next element, whatever it is, and returns it. It must already be requested (see <see cref="Request"/>).
    /// </summary>
    /// <param name="timeout">How long to wait, scaled by <see cref="TestTimeouts.Factor"/>; defaults to the run's timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ExpectationFailedException">The stream ended, the run failed, or nothing arrived in time.</exception>
    public Task<DataChunk> ExpectNextChunkAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        NextAsync("next element", Limit(timeout), cancellationToken);

    /// <summary>Expects the next element to hold <paramref name="expected"/> under the record name <c>default</c> (what a node's plain return value becomes).</summary>
    /// <typeparam name="T">The value's type; a value of another type fails, even if it prints the same (6 as int is not 6 as long).</typeparam>
    /// <param name="expected">The expected value, compared with <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="timeout">How long to wait, scaled by <see cref="TestTimeouts.Factor"/>; defaults to the run's timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value received.</returns>
    /// <exception cref="ExpectationFailedException">Another value arrived, the stream ended, the run failed, or nothing arrived in time.</exception>
    public async Task<T> ExpectNextAsync<T>(T expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var what = $"next element {ProbeText.Value(expected)}";
        var chunk = await NextAsync(what, Limit(timeout), cancellationToken).ConfigureAwait(false);
        var value = ValueOf<T>(chunk, what);
        if (!EqualityComparer<T>.Default.Equals(value, expected))
        {
            throw Mismatch(what, chunk);
        }

        return value;
    }

    /// <summary>Expects the next element's <c>default</c> record to satisfy <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition on the value.</param>
    /// <param name="description">What the predicate checks, for the failure message (for example "an even number").</param>
    /// <param name="timeout">How long to wait, scaled by <see cref="TestTimeouts.Factor"/>; defaults to the run's timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value received.</returns>
    /// <exception cref="ExpectationFailedException">The value did not match, the stream ended, the run failed, or nothing arrived in time.</exception>
    public async Task<T> ExpectNextAsync<T>(Func<T, bool> predicate, string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var what = $"next element matching {description ?? $"the predicate on {typeof(T).Name}"}";
        var chunk = await NextAsync(what, Limit(timeout), cancellationToken).ConfigureAwait(false);
        var value = ValueOf<T>(chunk, what);
        if (!predicate(value))
        {
            throw Mismatch(what, chunk);
        }

        return value;
    }

    /// <summary>Expects exactly <paramref name="expected"/>, in order, as the next elements; the timeout covers them all.</summary>
    /// <returns>The values received.</returns>
    /// <exception cref="ExpectationFailedException">A value differed, the stream ended, the run failed, or the elements did not all arrive in time.</exception>
    public async Task<IReadOnlyList<T>> ExpectNextNAsync<T>(IEnumerable<T> expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var all = expected.ToList();
        var limit = Limit(timeout);
        var started = Stopwatch.GetTimestamp();
        var received = new List<T>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var what = $"element {i + 1} of {all.Count}, {ProbeText.Value(all[i])}, of [{string.Join(", ", all.Select(v => ProbeText.Value(v)))}]";
            var chunk = await NextAsync(what, Remaining(limit, started), cancellationToken).ConfigureAwait(false);
            var value = ValueOf<T>(chunk, what);
            if (!EqualityComparer<T>.Default.Equals(value, all[i]))
            {
                throw Mismatch(what, chunk);
            }

            received.Add(value);
        }

        return received;
    }

    /// <summary>Expects <paramref name="count"/> more elements, whatever they are, and returns their <c>default</c> values; the timeout covers them all.</summary>
    /// <exception cref="ExpectationFailedException">The stream ended, the run failed, or the elements did not all arrive in time.</exception>
    public async Task<IReadOnlyList<T>> ExpectNextNAsync<T>(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var limit = Limit(timeout);
        var started = Stopwatch.GetTimestamp();
        var received = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var what = $"element {i + 1} of {count} ({typeof(T).Name})";
            var chunk = await NextAsync(what, Remaining(limit, started), cancellationToken).ConfigureAwait(false);
            received.Add(ValueOf<T>(chunk, what));
        }

        return received;
    }

    /// <summary>Requests one element and expects it to be <paramref name="expected"/> (Akka's <c>RequestNext</c>).</summary>
    public Task<T> RequestNextAsync<T>(T expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Request(1);
        return ExpectNextAsync(expected, timeout, cancellationToken);
    }

    /// <summary>
    /// Checks that nothing arrives (no element, no completion, no error) for <paramref name="duration"/>. It waits the
    /// whole duration (scaled by <see cref="TestTimeouts.Factor"/>) when it passes, so keep it short; with a
    /// <see cref="ManualClock"/> this is real time, not the node's time.
    /// </summary>
    /// <exception cref="ExpectationFailedException">Something arrived.</exception>
    public async Task ExpectNoMessageAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var limit = TestTimeouts.Scale(duration);
        var started = Stopwatch.GetTimestamp();
        var signal = await TryNextAsync(limit, cancellationToken).ConfigureAwait(false);
        if (signal is not null)
        {
            throw new ExpectationFailedException(
                $"Expected no message from '{Name}' for {ProbeText.Duration(limit)}, but {Arrived(signal)} after {ProbeText.Duration(Stopwatch.GetElapsedTime(started))}.");
        }
    }

    /// <summary>Expects the stream to complete normally: the node finished (inputs completed or source ended), tore down, and did not fail.</summary>
    /// <exception cref="ExpectationFailedException">An element arrived first, the run failed, or the stream did not complete in time.</exception>
    public async Task ExpectCompleteAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = Limit(timeout);
        var signal = await TryNextAsync(limit, cancellationToken).ConfigureAwait(false);
        if (signal is null)
        {
            throw new ExpectationFailedException(
                $"Expected completion of '{Name}', but it did not complete within {ProbeText.Duration(limit)} ({State()}).");
        }

        if (!signal.IsTerminal || signal.Failure is not null)
        {
            throw new ExpectationFailedException($"Expected completion of '{Name}', but {Arrived(signal)} ({Received()}).");
        }
    }

    /// <summary>
    /// Expects the run to fail (the observed node, or an upstream node whose failure stopped the graph) before any other
    /// element arrives, and returns the failure: its node, phase and error.
    /// </summary>
    /// <exception cref="ExpectationFailedException">An element arrived first, the stream completed normally, or nothing happened in time.</exception>
    public async Task<NodeFailure> ExpectErrorAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = Limit(timeout);
        var signal = await TryNextAsync(limit, cancellationToken).ConfigureAwait(false);
        if (signal is null)
        {
            throw new ExpectationFailedException(
                $"Expected an error from '{Name}', but nothing happened within {ProbeText.Duration(limit)} ({State()}).");
        }

        if (signal.Failure is null)
        {
            throw new ExpectationFailedException($"Expected an error from '{Name}', but {Arrived(signal)} ({Received()}).");
        }

        ObservedFailure = true;
        return signal.Failure;
    }

    /// <summary>Whether the test saw a failure through <see cref="ExpectErrorAsync"/>.</summary>
    internal bool ObservedFailure { get; private set; }

    private static TimeSpan Remaining(TimeSpan limit, long started)
    {
        var left = limit - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private TimeSpan Limit(TimeSpan? timeout) => TestTimeouts.Scale(timeout ?? _timeout);

    /// <summary>Takes the next element or throws a message that says what came instead.</summary>
    private async Task<DataChunk> NextAsync(string what, TimeSpan limit, CancellationToken cancellationToken)
    {
        var before = Received();
        var signal = await TryNextAsync(limit, cancellationToken).ConfigureAwait(false);
        if (signal is null)
        {
            throw new ExpectationFailedException(
                $"Expected {what} from '{Name}', but nothing arrived within {ProbeText.Duration(limit)} ({State()}).");
        }

        return signal.Element ?? throw new ExpectationFailedException(signal.Failure is null
            ? $"Expected {what} from '{Name}', but {Arrived(signal)} {before}."
            : $"Expected {what} from '{Name}', but {Arrived(signal)} ({before}).");
    }

    /// <summary>Returns the next signal, or null when none arrived within <paramref name="limit"/>.</summary>
    private async Task<ProbeSignal?> TryNextAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            if (await _signals.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) && _signals.Reader.TryRead(out var signal))
            {
                lock (_seen)
                {
                    if (signal.Element is { } element)
                    {
                        _seen.Add(element);
                    }
                    else
                    {
                        _terminal = signal;
                    }
                }

                return signal;
            }

            return _terminal ?? ProbeSignal.Completed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private T ValueOf<T>(DataChunk chunk, string what)
    {
        if (!chunk.Records.TryGetValue(DataChunk.DefaultRecordName, out var record))
        {
            throw new ExpectationFailedException(
                $"Expected {what} from '{Name}', but got {chunk}, which has no '{DataChunk.DefaultRecordName}' record; use ExpectNextChunkAsync to check named records.");
        }

        return record.Value switch
        {
            T typed => typed,
            null when default(T) is null => default!,
            _ => throw new ExpectationFailedException(
                $"Expected {what} from '{Name}', but got {ProbeText.Typed(record.Value)}, which is not a {typeof(T).Name}."),
        };
    }

    private ExpectationFailedException Mismatch(string what, DataChunk chunk)
    {
        var value = chunk.Records.TryGetValue(DataChunk.DefaultRecordName, out var r) ? r.Value : chunk;
        return new ExpectationFailedException($"Expected {what} from '{Name}', but got {ProbeText.Value(value)} ({ReceivedBefore()}).");
    }

    private string Arrived(ProbeSignal signal) => signal switch
    {
        { Element: { } element } => $"got element {ProbeText.Chunk(element)}",
        { Failure: { } failure } => $"the run failed: node '{failure.Node}' failed during {failure.Phase}: {failure.Error}",
        _ => "the stream completed",
    };

    /// <summary>"after 2 elements: [6, 6]", counting everything expected so far.</summary>
    private string Received()
    {
        lock (_seen)
        {
            return _seen.Count == 0 ? "after 0 elements" : $"after {ProbeText.Count(_seen.Count, "element")}: {ProbeText.Chunks(_seen)}";
        }
    }

    /// <summary>Like <see cref="Received"/>, leaving out the element that just arrived.</summary>
    private string ReceivedBefore()
    {
        lock (_seen)
        {
            var before = _seen.Take(_seen.Count - 1).ToList();
            return before.Count == 0 ? "it was the first element" : $"after {ProbeText.Count(before.Count, "element")}: {ProbeText.Chunks(before)}";
        }
    }

    /// <summary>Why nothing may have arrived: demand and the edge's buffer.</summary>
    private string State()
    {
        var demand = Demand;
        var hint = demand == 0 && Buffered > 0 ? "; request them with Request(n)" : string.Empty;
        return $"{Received()}; demand {demand}, {ProbeText.Count(Buffered, "element")} waiting in the edge's buffer{hint}";
    }
}
