using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// One node running under <see cref="NodeTestKit.RunAsync"/>: its probes, what it recorded, its counters, the clock it
/// sees, and the leak check. Dispose it to end the run (an abort); call <see cref="StopAsync"/> first to drain.
/// </summary>
public sealed class NodeProbe : IAsyncDisposable
{
    /// <summary>The run the probe wraps.</summary>
    private readonly ProbeHarness _harness;

    internal NodeProbe(string name, ProbeHarness harness)
    {
        Name = name;
        _harness = harness;
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>The publisher probes, one per input, in edge order.</summary>
    public IReadOnlyList<PublisherProbe> Inputs => [.. _harness.Publishers.Values];

    /// <summary>The subscriber probes, one per output, in <see cref="NodeTestOptions.Outputs"/> order.</summary>
    public IReadOnlyList<SubscriberProbe> Outputs => [.. _harness.Subscribers.Select(s => s.Probe)];

    /// <summary>The subscriber probe of the node's only output.</summary>
    /// <exception cref="InvalidOperationException">The node has no output or several; use <see cref="OutputTo"/>.</exception>
    public SubscriberProbe Output => _harness.Subscribers.Count == 1
        ? _harness.Subscribers[0].Probe
        : throw new InvalidOperationException(_harness.Subscribers.Count == 0
            ? $"Node '{Name}' has no outputs (it is a sink); set NodeTestOptions.Outputs to observe one."
            : $"Node '{Name}' has {_harness.Subscribers.Count} outputs ({string.Join(", ", _harness.Subscribers.Select(s => s.End))}); pick one with OutputTo(name).");

    /// <summary>The clock the node sees; advance it to move the node's time.</summary>
    public ManualClock Clock => _harness.Clock;

    /// <summary>Where the node's saves are captured.</summary>
    public CapturingRecorder Recorder => _harness.Recorder;

    /// <summary>Every save the node made through <see cref="NodeContext.Recorder"/>, in call order.</summary>
    public IReadOnlyList<RecordedEntry> Recorded => _harness.Recorder.Entries;

    /// <summary>The recording switch the node sees as <see cref="NodeContext.IsRecording"/>.</summary>
    public bool IsRecording
    {
        get => _harness.Recorder.IsRecording;
        set => _harness.Recorder.IsRecording = value;
    }

    /// <summary>The node's counters now: state, steps, failures, restarts, discarded inputs.</summary>
    public NodeReport Report => _harness.Report.Node(Name);

    /// <summary>The whole run's report: the node, its edges with sent/received/dropped counts, and failures.</summary>
    public RunReport RunReport => _harness.Report;

    /// <summary>How many instances were set up so far, restarts included.</summary>
    public long Setups => _harness.Stages[0].SetupsCompleted;

    /// <summary>How many teardowns returned so far; equal to <see cref="Setups"/> once the node finished cleanly.</summary>
    public long Teardowns => _harness.Stages[0].TeardownsReturned;

    /// <summary>The publisher probe that plays the named upstream node.</summary>
    /// <exception cref="KeyNotFoundException">No input has that name.</exception>
    public PublisherProbe Input(string upstream) =>
        _harness.Publishers.TryGetValue(upstream, out var probe)
            ? probe
            : throw new KeyNotFoundException($"Node '{Name}' has no input named '{upstream}'. Inputs: {(_harness.Publishers.Count == 0 ? "none (it is a source)" : string.Join(", ", _harness.Publishers.Keys))}.");

    /// <summary>The subscriber probe that plays the named downstream node.</summary>
    /// <exception cref="KeyNotFoundException">No output has that name.</exception>
    public SubscriberProbe OutputTo(string downstream) =>
        _harness.Subscribers.Where(s => s.End == downstream).Select(s => s.Probe).FirstOrDefault()
        ?? throw new KeyNotFoundException($"Node '{Name}' has no output named '{downstream}'. Outputs: {(_harness.Subscribers.Count == 0 ? "none" : string.Join(", ", _harness.Subscribers.Select(s => s.End)))}.");

    /// <summary>Waits for the node to fail (a step under the stop strategy, teardown, or a failed input) and returns the failure; for sinks, which have no output probe to expect an error on.</summary>
    /// <exception cref="ExpectationFailedException">No failure was reported in time.</exception>
    public Task<NodeFailure> ExpectFailureAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _harness.ExpectFailureAsync(Name, timeout, cancellationToken);

    /// <summary>
    /// Stops the run as a drain: a source is stopped, every input probe sends completion, every output probe takes
    /// everything left (still available to its expectations), and the node tears down. Returns the final counters.
    /// </summary>
    /// <param name="timeout">How long the drain may take, scaled by <see cref="TestTimeouts.Factor"/>; after it the run is aborted.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ExpectationFailedException">The drain did not finish in time, or the node failed and the test did not expect the failure.</exception>
    public async Task<NodeReport> StopAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var report = await _harness.StopAsync(timeout, cancellationToken).ConfigureAwait(false);
        return report.Node(Name);
    }

    /// <summary>Lists what the run did not release (see <see cref="AssertNoLeaks"/>); empty when clean.</summary>
    public IReadOnlyList<string> FindLeaks() => _harness.FindLeaks();

    /// <summary>
    /// Checks, after <see cref="StopAsync"/> or dispose, that the node released everything: its stage finished,
    /// teardown ran exactly once per setup and returned, every edge was completed and drained, no probe is still
    /// working, and no timer the node created on the test clock is left.
    /// </summary>
    /// <exception cref="ExpectationFailedException">Something leaked; the message lists each leak.</exception>
    public void AssertNoLeaks() => _harness.AssertNoLeaks();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
