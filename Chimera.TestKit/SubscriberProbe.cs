using System.Threading.Channels;
using Chimera.Runtime;
using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// Plays a downstream node: it takes elements from the observed node's output edge only as far as the test requested
/// them (<see cref="Request"/>), so the node feels real backpressure once the edge's buffer is full, and it lets the
/// test expect what arrives, in order.
/// </summary>
/// <remarks>
/// <para>Chimera completes a node's outputs normally even when the node fails; the probe turns a failure reported by
/// the run into an error signal, delivered at once (without demand), ahead of elements still in the buffer, as a
/// failing Akka stream does.</para>
/// <para>Every expectation waits at most its timeout (the run's default, scaled by <see cref="TestTimeouts.Factor"/>)
/// and fails with a message that says what was expected and what arrived.</para>
/// </remarks>
public sealed partial class SubscriberProbe
{
    /// <summary>Demand larger than any test asks for, used once the run stops.</summary>
    private const long Unbounded = long.MaxValue / 2;

    /// <summary>The observed node's output edge.</summary>
    private readonly EdgeChannel _edge;

    /// <summary>Completes with the run's first reported failure.</summary>
    private readonly Task<NodeFailure> _failed;

    /// <summary>Finds the failure that ended the stream: the observed node's own, else the run's first.</summary>
    private readonly Func<NodeFailure?> _failure;

    /// <summary>Signals taken from the edge and not yet expected by the test.</summary>
    private readonly Channel<ProbeSignal> _signals = Channel.CreateUnbounded<ProbeSignal>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });

    /// <summary>Elements the test has expected so far, for messages.</summary>
    private readonly List<DataChunk> _seen = [];

    /// <summary>The unscaled default wait.</summary>
    private readonly TimeSpan _timeout;

    /// <summary>Completed and replaced whenever demand grows, to wake the pump.</summary>
    private TaskCompletionSource _wake = NewWake();

    /// <summary>Outstanding demand: elements requested and not yet taken from the edge.</summary>
    private long _demand;

    /// <summary>The terminal signal once the test has seen it, so later expectations see it again.</summary>
    private ProbeSignal? _terminal;

    /// <summary>The pump that moves elements from the edge to <see cref="_signals"/>.</summary>
    private Task _pump = Task.CompletedTask;

    internal SubscriberProbe(string node, EdgeChannel edge, Task<NodeFailure> failed, Func<NodeFailure?> failure, TimeSpan timeout)
    {
        Name = node;
        _edge = edge;
        _failed = failed;
        _failure = failure;
        _timeout = timeout;
    }

    /// <summary>The observed node's name.</summary>
    public string Name { get; }

    /// <summary>The observed edge, <c>node -> probe</c>.</summary>
    public string Edge => _edge.Edge.Id;

    /// <summary>Outstanding demand: elements requested and not yet taken from the edge.</summary>
    public long Demand => Math.Min(Interlocked.Read(ref _demand), Unbounded);

    /// <summary>Elements the node has put in the edge's buffer that the probe has not taken (no demand for them yet).</summary>
    public int Buffered => _edge.QueueDepth;

    /// <summary>The pump task, for the leak check.</summary>
    internal Task Pump => _pump;

    /// <summary>Asks for <paramref name="count"/> more elements; they arrive as the node produces them and the test expects them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void Request(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var now = Interlocked.Add(ref _demand, count);
        if (now > Unbounded)
        {
            Interlocked.Exchange(ref _demand, Unbounded);
        }

        Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();
    }

    /// <summary>Starts moving elements; called once the run has started.</summary>
    internal void Start(CancellationToken stop) => _pump = Task.Run(() => PumpAsync(stop), CancellationToken.None);

    /// <summary>Takes everything from now on, so a stopping node can drain into the probe.</summary>
    internal void RequestUnbounded()
    {
        Interlocked.Exchange(ref _demand, Unbounded);
        Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task PumpAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                if (_failed.IsCompleted)
                {
                    // Elements already buffered and requested still arrive; the error overtakes the rest.
                    while (Interlocked.Read(ref _demand) > 0 && _edge.TryRead(out var buffered))
                    {
                        Deliver(buffered);
                    }

                    Finish(new ProbeSignal(null, _failure() ?? await _failed.ConfigureAwait(false)));
                    return;
                }

                // Wait for an element or the end, but let a failure interrupt the wait.
                var readable = _edge.WaitToReadAsync(stop).AsTask();
                await Task.WhenAny(readable, _failed).ConfigureAwait(false);
                if (!readable.IsCompleted)
                {
                    continue;
                }

                if (!await readable.ConfigureAwait(false))
                {
                    Finish(_failure() is { } failure ? new ProbeSignal(null, failure) : ProbeSignal.Completed);
                    return;
                }

                // An element is there: take it only once the test asked for it.
                while (Interlocked.Read(ref _demand) == 0 && !_failed.IsCompleted)
                {
                    var wake = Volatile.Read(ref _wake).Task;
                    if (Interlocked.Read(ref _demand) > 0)
                    {
                        break;
                    }

                    await Task.WhenAny(wake, _failed).WaitAsync(stop).ConfigureAwait(false);
                }

                if (Interlocked.Read(ref _demand) > 0 && _edge.TryRead(out var chunk))
                {
                    Deliver(chunk);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _signals.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The edge itself failed (a remote edge can); report it like a node failure.
            Finish(new ProbeSignal(null, NodeFailure.From(Name, "(edge)", "step", ex)));
        }
    }

    private void Deliver(DataChunk chunk)
    {
        Interlocked.Decrement(ref _demand);
        _signals.Writer.TryWrite(new ProbeSignal(chunk, null));
    }

    private void Finish(ProbeSignal terminal)
    {
        _signals.Writer.TryWrite(terminal);
        _signals.Writer.TryComplete();
    }
}
