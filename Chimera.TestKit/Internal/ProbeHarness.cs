using Chimera.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera.TestKit.Internal;

/// <summary>
/// Runs some nodes of a compiled test graph on the real <see cref="PartitionRuntime"/> (the path a manager's worker
/// takes: node configuration to JSON and back, <see cref="NodeStage"/> setup, start, stop as a drain, abort on failure),
/// with publisher probes writing the edges into them and subscriber probes reading the edges out of them.
/// </summary>
internal sealed partial class ProbeHarness : IAsyncDisposable
{
    /// <summary>The runtime that owns the stages.</summary>
    private readonly PartitionRuntime _runtime;

    /// <summary>Every edge of the test graph by id.</summary>
    private readonly Dictionary<string, EdgeChannel> _channels;

    /// <summary>Publisher probes by name.</summary>
    private readonly Dictionary<string, PublisherProbe> _publishers = new(StringComparer.Ordinal);

    /// <summary>Subscriber probes by observed node, then by probe end name.</summary>
    private readonly List<(string Node, string End, SubscriberProbe Probe)> _subscribers = [];

    /// <summary>Completes with the run's first reported failure.</summary>
    private readonly TaskCompletionSource<NodeFailure> _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops the probes' pumps at dispose.</summary>
    private readonly CancellationTokenSource _stopProbes = new();

    /// <summary>The report taken when the run finished, before the harness emptied buffers left by a failure.</summary>
    private RunReport? _finalReport;

    /// <summary>Whether stop (or dispose) began.</summary>
    private bool _stopping;

    /// <summary>Whether the harness aborted the run (dispose without stop, or a drain that took too long).</summary>
    private bool _aborted;

    /// <summary>Whether the drain after stop took longer than its timeout, so the run was aborted.</summary>
    private bool _drainTimedOut;

    /// <summary>Whether the test expected a failure through the harness.</summary>
    private bool _failureObserved;

    /// <summary>Whether <see cref="DisposeAsync"/> ran.</summary>
    private bool _disposed;

    private ProbeHarness(PartitionRuntime runtime, Dictionary<string, EdgeChannel> channels, ManualClock clock, CapturingRecorder recorder, TimeSpan timeout)
    {
        _runtime = runtime;
        _channels = channels;
        Clock = clock;
        Recorder = recorder;
        Timeout = timeout;
        _runtime.Failed += failure => _firstFailure.TrySetResult(failure);
    }

    public ManualClock Clock { get; }

    public CapturingRecorder Recorder { get; }

    /// <summary>The unscaled default wait.</summary>
    public TimeSpan Timeout { get; }

    public IReadOnlyList<NodeStage> Stages => _runtime.Stages;

    public IReadOnlyDictionary<string, PublisherProbe> Publishers => _publishers;

    public IReadOnlyList<(string Node, string End, SubscriberProbe Probe)> Subscribers => _subscribers;

    public RunReport Report => _finalReport ?? _runtime.Report();

    /// <summary>
    /// Compiles <paramref name="graph"/>, sets up and starts only <paramref name="nodes"/>, and attaches the probes.
    /// </summary>
    /// <param name="graph">The test graph: the nodes under test plus a placeholder node per probe end.</param>
    /// <param name="nodes">The nodes under test; every other node of the graph is a probe end.</param>
    /// <param name="subscribers">Observed node and the placeholder downstream of it that the probe plays.</param>
    /// <param name="options">Clock, recorder, logging and timeout.</param>
    /// <param name="cancellationToken">Cancels setup.</param>
    /// <exception cref="CommitFailedException">A node could not be created or set up.</exception>
    public static async Task<ProbeHarness> StartAsync(
        Graph graph,
        IReadOnlyCollection<string> nodes,
        IReadOnlyList<(string Node, string End)> subscribers,
        TestKitOptions options,
        CancellationToken cancellationToken)
    {
        var compiled = graph.Compile();
        var partition = new WorkerPartition(
            Blueprint.DefaultWorker,
            [.. compiled.Nodes.Select(n => n.Name).Where(nodes.Contains)],
            [.. compiled.Edges.Select(e => e.Id)],
            [],
            []);
        var blueprint = compiled with { Partitions = [partition] };

        var clock = options.Clock ?? new ManualClock();
        var recorder = options.Recorder ?? new CapturingRecorder();
        // An edge into a subscriber probe hands its elements to the test, which keeps them: it takes no holds on their
        // image frames, as it would never release them.
        var channels = blueprint.Edges.ToDictionary(e => e.Id, e => new EdgeChannel(e) { HoldsFrames = nodes.Contains(e.To) }, StringComparer.Ordinal);
        var env = new StageEnvironment
        {
            WorkerName = Blueprint.DefaultWorker,
            RunId = blueprint.Id,
            LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance,
            Clock = clock,
            IsRecording = () => recorder.IsRecording,
            RecorderFactory = recorder.ForNode,
        };

        var runtime = new PartitionRuntime(blueprint, env, edge => channels[edge.Id]);
        var harness = new ProbeHarness(runtime, channels, clock, recorder, options.Timeout);
        try
        {
            await runtime.SetupAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            harness._stopProbes.Dispose();
            throw;
        }

        foreach (var publisher in blueprint.Nodes.Where(n => !nodes.Contains(n.Name) && n.Outputs.Count > 0))
        {
            var edges = publisher.Outputs.Select(to => channels[$"{publisher.Name} -> {to}"]).ToArray();
            harness._publishers[publisher.Name] = new PublisherProbe(publisher.Name, edges, clock, options.Timeout);
        }

        foreach (var (node, end) in subscribers)
        {
            var probe = new SubscriberProbe(node, channels[$"{node} -> {end}"], harness._firstFailure.Task, () => harness.FailureOf(node), options.Timeout);
            harness._subscribers.Add((node, end, probe));
        }

        runtime.Start();
        foreach (var (_, _, probe) in harness._subscribers)
        {
            probe.Start(harness._stopProbes.Token);
        }

        return harness;
    }

    /// <summary>Waits for the run's first failure and returns it.</summary>
    public async Task<NodeFailure> ExpectFailureAsync(string? node, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = TestTimeouts.Scale(timeout ?? Timeout);
        try
        {
            await _firstFailure.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ExpectationFailedException(
                $"Expected {(node is null ? "a node" : $"node '{node}'")} to fail, but no failure was reported within {ProbeText.Duration(limit)}. Nodes: {DescribeNodes()}.");
        }

        _failureObserved = true;
        var failure = node is null ? _firstFailure.Task.Result : FailureOf(node);
        if (failure is null || (node is not null && failure.Node != node))
        {
            var first = _firstFailure.Task.Result;
            throw new ExpectationFailedException(
                $"Expected node '{node}' to fail, but node '{first.Node}' failed during {first.Phase}: {first.Error}");
        }

        return failure;
    }

    /// <summary>
    /// Drains the run: stops sources, completes every publisher probe, lets every subscriber probe take everything, and
    /// waits for the stages to finish. Aborts when the drain takes longer than the timeout.
    /// </summary>
    /// <exception cref="ExpectationFailedException">The drain did not finish in time, or a node failed and the test did not expect it.</exception>
    public async Task<RunReport> StopAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var limit = TestTimeouts.Scale(timeout ?? Timeout);
        if (!_stopping)
        {
            _stopping = true;
            _runtime.StopSources();
            CompleteProbes();
            if (!await FinishedWithinAsync(_runtime.Completion, limit, cancellationToken).ConfigureAwait(false))
            {
                _drainTimedOut = true;
                _aborted = true;
                _runtime.Abort();
                await FinishedWithinAsync(_runtime.Completion, limit, cancellationToken).ConfigureAwait(false);
            }

            await SettleAsync(limit, cancellationToken).ConfigureAwait(false);
        }

        if (!_runtime.Completion.IsCompleted || _drainTimedOut)
        {
            throw new ExpectationFailedException(
                $"Expected the run to drain within {ProbeText.Duration(limit)} after stop, but it did not{(_runtime.Completion.IsCompleted ? " and was aborted" : ", even after an abort")}. Nodes: {DescribeNodes()}. Run AssertNoLeaks for details.");
        }

        var unexpected = _runtime.Failures;
        if (unexpected.Count > 0 && !_failureObserved && !_subscribers.Any(s => s.Probe.ObservedFailure))
        {
            throw new ExpectationFailedException(
                "The run failed and the test did not expect it:" + Environment.NewLine +
                string.Join(Environment.NewLine, unexpected.Select(f => $"- node '{f.Node}' failed during {f.Phase}: {f.Error}")) + Environment.NewLine +
                "Assert an expected failure with ExpectErrorAsync on an output probe or ExpectFailureAsync on the run.");
        }

        return Report;
    }

    /// <summary>Aborts a run still going, waits (bounded) for it to finish, and releases it; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var limit = TestTimeouts.Scale(Timeout);
        if (!_stopping)
        {
            _stopping = true;
            _aborted = true;
            _runtime.Abort();
            CompleteProbes();
            await FinishedWithinAsync(_runtime.Completion, limit, CancellationToken.None).ConfigureAwait(false);
            await SettleAsync(limit, CancellationToken.None).ConfigureAwait(false);
        }

        if (_runtime.Completion.IsCompleted)
        {
            // A stage that never finishes (a teardown that never returns) would hang this; it is left to the leak check.
            await _runtime.DisposeAsync().ConfigureAwait(false);
        }

        await _stopProbes.CancelAsync().ConfigureAwait(false);
        await FinishedWithinAsync(Task.WhenAll(_subscribers.Select(s => s.Probe.Pump)), limit, CancellationToken.None).ConfigureAwait(false);
        _stopProbes.Dispose();
    }

    private static async Task<bool> FinishedWithinAsync(Task task, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            // The task's own failure is reported elsewhere (pumps turn errors into signals).
        }

        return true;
    }

    private void CompleteProbes()
    {
        foreach (var publisher in _publishers.Values.Where(p => !p.IsCompleted))
        {
            publisher.SendComplete();
        }

        foreach (var (_, _, probe) in _subscribers)
        {
            probe.RequestUnbounded();
        }
    }

    /// <summary>After the stages finished: lets the pumps take what is left, keeps the final report, and empties buffers a failure or an abort left behind.</summary>
    private async Task SettleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!_runtime.Completion.IsCompleted)
        {
            return;
        }

        await FinishedWithinAsync(Task.WhenAll(_subscribers.Select(s => s.Probe.Pump)), limit, cancellationToken).ConfigureAwait(false);
        _finalReport = _runtime.Report();
        if (_runtime.Failures.Count > 0 || _aborted)
        {
            // An aborted run leaves elements in flight; they are lost as in a real abort, and not a leak of the node's.
            foreach (var channel in _channels.Values)
            {
                while (channel.TryRead(out var lost))
                {
                    channel.ReleaseHold(lost);
                }
            }
        }
    }

    private NodeFailure? FailureOf(string node)
    {
        var failures = _runtime.Failures;
        return failures.FirstOrDefault(f => f.Node == node) ?? failures.FirstOrDefault();
    }

    private string DescribeNodes() =>
        string.Join("; ", _runtime.Stages.Select(s =>
        {
            var r = s.Report();
            return $"'{r.Name}' {r.State}, {ProbeText.Count(r.Steps, "step")}, {ProbeText.Count(r.Failures, "failure")}";
        }));
}
