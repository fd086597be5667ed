using Chimera.Runtime;
using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// Plays an upstream node: what it sends arrives at the node under test exactly as a real upstream node's output would,
/// through the same bounded edge (frozen chunks, the edge's capacity and overflow policy, its counters).
/// </summary>
/// <remarks>
/// <para>Demand in Chimera is room in an edge's buffer. <see cref="Demand"/> and <see cref="ExpectRequestAsync"/>
/// report it: how many more elements the probe could send without waiting. It grows only when the node takes elements
/// out of the buffer, so "the node requested" means "the node pulled". It does not mean the node is idle.</para>
/// <para>A probe named after one upstream node may feed several nodes (in a graph); it then writes each element to
/// every edge, in order, and its demand is the smallest room among them.</para>
/// </remarks>
public sealed class PublisherProbe
{
    /// <summary>The edges this probe writes to.</summary>
    private readonly EdgeChannel[] _edges;

    /// <summary>The clock that stamps the chunks the probe builds.</summary>
    private readonly TimeProvider _clock;

    /// <summary>The unscaled default wait.</summary>
    private readonly TimeSpan _timeout;

    /// <summary>Sends started and not yet finished, for the leak check.</summary>
    private int _pending;

    /// <summary>Elements sent so far.</summary>
    private long _sent;

    /// <summary>Set once <see cref="SendComplete"/> or <see cref="SendError"/> ran.</summary>
    private volatile bool _completed;

    internal PublisherProbe(string name, EdgeChannel[] edges, TimeProvider clock, TimeSpan timeout)
    {
        Name = name;
        _edges = edges;
        _clock = clock;
        _timeout = timeout;
    }

    /// <summary>The upstream node name this probe plays; the node under test receives its elements under this key.</summary>
    public string Name { get; }

    /// <summary>The edges this probe feeds, as <c>name -> node</c>.</summary>
    public IReadOnlyList<string> Edges => [.. _edges.Select(e => e.Edge.Id)];

    /// <summary>Elements sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Whether the probe sent completion or an error.</summary>
    public bool IsCompleted => _completed;

    /// <summary>
    /// How many more elements can be sent right now without waiting: the free room in the edge's buffer (the smallest
    /// over several edges). Always at least 1 under a dropping overflow policy, which never waits.
    /// </summary>
    public int Demand => _edges.Min(e => e.Edge.Overflow == OverflowPolicy.Backpressure ? Math.Max(0, e.Edge.Capacity - e.QueueDepth) : Math.Max(1, e.Edge.Capacity - e.QueueDepth));

    /// <summary>Sends elements still waiting for room (the leak check expects none).</summary>
    internal int PendingSends => Volatile.Read(ref _pending);

    /// <summary>The channels, for the leak check.</summary>
    internal IReadOnlyList<EdgeChannel> Channels => _edges;

    /// <summary>
    /// Sends one element, waiting for room in the buffer as a real upstream node would (Akka's <c>SendNext</c> waits for demand too).
    /// A value that is not a <see cref="DataChunk"/> is wrapped under the record name <c>default</c>, stamped with the test clock.
    /// </summary>
    /// <param name="value">The element; not <see langword="null"/>, since the runtime never delivers null.</param>
    /// <param name="timeout">How long to wait for room, scaled by <see cref="TestTimeouts.Factor"/>; defaults to the run's timeout.</param>
    /// <param name="cancellationToken">Cancels the wait; the element is then not sent.</param>
    /// <exception cref="ExpectationFailedException">The node took nothing from the full buffer within the timeout.</exception>
    /// <exception cref="InvalidOperationException">The probe already sent completion or an error.</exception>
    public async Task SendNextAsync(object value, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var chunk = ToChunk(value);
        var limit = TestTimeouts.Scale(timeout ?? _timeout);
        Interlocked.Increment(ref _pending);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(limit);

            // Each edge holds the element's image frames, but a node fed by an earlier edge could dispose a frame and
            // finish its step before a later edge takes its hold: the probe holds them until every edge has.
            using var holding = HoldWhileSending(chunk);
            foreach (var edge in _edges)
            {
                try
                {
                    await edge.WriteAsync(chunk, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ExpectationFailedException(
                        $"Expected room on edge '{edge.Edge.Id}' to send {ProbeText.Chunk(chunk)}, but the node took nothing for {ProbeText.Duration(limit)}: " +
                        $"{Describe(edge)}. The node is not pulling (is it blocked on its output, waiting for demand?).");
                }
            }

            Interlocked.Increment(ref _sent);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Sends elements one after the other with <see cref="SendNextAsync"/>; the timeout applies to each.</summary>
    public async Task SendNextNAsync(IEnumerable<object> values, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            await SendNextAsync(value, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one element if there is room now (<see cref="Demand"/> &gt; 0); never waits.</summary>
    /// <returns>Whether the element was sent.</returns>
    /// <exception cref="InvalidOperationException">The probe already sent completion or an error.</exception>
    public bool TrySendNext(object value)
    {
        var chunk = ToChunk(value);

        // Only this probe writes to its edges and the node only frees room, so room seen here is still there below.
        if (Demand == 0)
        {
            return false;
        }

        using var holding = HoldWhileSending(chunk);
        foreach (var edge in _edges)
        {
            if (!edge.TryWrite(chunk))
            {
                throw new InvalidOperationException($"Edge '{edge.Edge.Id}' refused an element although it had room; was it written to by something else?");
            }
        }

        Interlocked.Increment(ref _sent);
        return true;
    }

    /// <summary>Ends the stream: the node takes what is buffered, then sees its input complete (and, with no input left, drains and tears down).</summary>
    public void SendComplete()
    {
        _completed = true;
        foreach (var edge in _edges)
        {
            edge.Complete();
        }
    }

    /// <summary>Fails the stream: after the buffered elements, the node's read throws <paramref name="error"/>, as when a remote upstream dies.</summary>
    public void SendError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _completed = true;
        foreach (var edge in _edges)
        {
            edge.Complete(error);
        }
    }

    /// <summary>
    /// Waits until the node has room for at least one more element (it pulled from a full buffer, or the buffer was not
    /// full) and returns how many elements fit now.
    /// </summary>
    /// <param name="timeout">How long to wait, scaled by <see cref="TestTimeouts.Factor"/>; defaults to the run's timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The demand: free room in the buffer, at least 1.</returns>
    /// <exception cref="ExpectationFailedException">The buffer stayed full for the whole timeout, or the edge was completed.</exception>
    public async Task<int> ExpectRequestAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = TestTimeouts.Scale(timeout ?? _timeout);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        foreach (var edge in _edges)
        {
            bool open;
            try
            {
                open = await edge.WaitToWriteAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ExpectationFailedException(
                    $"Expected demand on edge '{edge.Edge.Id}' (room in its buffer), but none came within {ProbeText.Duration(limit)}: {Describe(edge)}.");
            }

            if (!open)
            {
                throw new ExpectationFailedException(
                    $"Expected demand on edge '{edge.Edge.Id}', but the edge is completed; nothing more can be sent.");
            }
        }

        return Demand;
    }

    /// <summary>
    /// Checks that the node pulls nothing for <paramref name="duration"/>: the buffer stays full. Waits the whole
    /// duration (scaled by <see cref="TestTimeouts.Factor"/>) when it passes, so keep it short.
    /// </summary>
    /// <exception cref="ExpectationFailedException">The buffer had room at some point (or had room from the start).</exception>
    public async Task ExpectNoRequestAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var limit = TestTimeouts.Scale(duration);
        var started = TimeProvider.System.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            foreach (var edge in _edges)
            {
                if (await edge.WaitToWriteAsync(cts.Token).ConfigureAwait(false))
                {
                    var after = TimeProvider.System.GetElapsedTime(started);
                    throw new ExpectationFailedException(
                        $"Expected no demand on edge '{edge.Edge.Id}' for {ProbeText.Duration(limit)}, but the node had room after {ProbeText.Duration(after)}: {Describe(edge)}.");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The buffer stayed full for the whole duration: what was expected.
        }
    }

    private static string Describe(EdgeChannel edge) =>
        $"{edge.QueueDepth} of {edge.Edge.Capacity} slots are full (sent {edge.Sent}, taken by the node {edge.Received}, dropped {edge.Dropped})";

    /// <summary>Holds <paramref name="chunk"/>'s image frames until disposed; none when one is already gone, which the first write then reports.</summary>
    private static HeldFrames HoldWhileSending(DataChunk chunk) => new(chunk, FrameHolds.TryHold(chunk));

    private DataChunk ToChunk(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_completed)
        {
            throw new InvalidOperationException($"Publisher probe '{Name}' already sent completion (or an error); it cannot send more.");
        }

        var chunk = value as DataChunk ?? new DataChunk(_clock.GetUtcNow()).Add(DataChunk.DefaultRecordName, value);
        chunk.Freeze();
        return chunk;
    }
}

