using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// A small graph running under <see cref="GraphTestKit.RunAsync"/>: its probes, recordings, counters, clock and leak
/// check. Dispose it to end the run (an abort); call <see cref="StopAsync"/> first to drain.
/// </summary>
public sealed class GraphProbe : IAsyncDisposable
{
    /// <summary>The run the probe wraps.</summary>
    private readonly ProbeHarness _harness;

    internal GraphProbe(ProbeHarness harness)
    {
        _harness = harness;
    }

    /// <summary>The clock the nodes see.</summary>
    public ManualClock Clock => _harness.Clock;

    /// <summary>Where the nodes' saves are captured; each entry names its node.</summary>
    public CapturingRecorder Recorder => _harness.Recorder;

    /// <summary>Every save the nodes made, in call order.</summary>
    public IReadOnlyList<RecordedEntry> Recorded => _harness.Recorder.Entries;

    /// <summary>The run's report now: every node, every edge (probe edges included), every failure.</summary>
    public RunReport Report => _harness.Report;

    /// <summary>The publisher probe with the given name.</summary>
    /// <exception cref="KeyNotFoundException">No probe has that name.</exception>
    public PublisherProbe Input(string name) =>
        _harness.Publishers.TryGetValue(name, out var probe)
            ? probe
            : throw new KeyNotFoundException($"The graph has no publisher probe named '{name}'. Probes: {(_harness.Publishers.Count == 0 ? "none" : string.Join(", ", _harness.Publishers.Keys))}.");

    /// <summary>The subscriber probe observing the named node's output.</summary>
    /// <exception cref="KeyNotFoundException">That node's output is not observed.</exception>
    public SubscriberProbe Output(string node) =>
        _harness.Subscribers.Where(s => s.Node == node).Select(s => s.Probe).FirstOrDefault()
        ?? throw new KeyNotFoundException($"The output of '{node}' is not observed. Observed: {(_harness.Subscribers.Count == 0 ? "none" : string.Join(", ", _harness.Subscribers.Select(s => s.Node)))}.");

    /// <summary>The named node's counters now.</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such node.</exception>
    public NodeReport Node(string name) => _harness.Report.Node(name);

    /// <summary>Waits for a node to fail and returns the failure; <paramref name="node"/> <see langword="null"/> accepts any node.</summary>
    /// <exception cref="ExpectationFailedException">No failure was reported in time, or another node failed.</exception>
    public Task<NodeFailure> ExpectFailureAsync(string? node = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _harness.ExpectFailureAsync(node, timeout, cancellationToken);

    /// <summary>
    /// Stops the run as a drain: sources stop, every publisher probe sends completion, every subscriber probe takes
    /// everything left, and the nodes tear down. Returns the final report.
    /// </summary>
    /// <exception cref="ExpectationFailedException">The drain did not finish in time, or a node failed and the test did not expect it.</exception>
    public Task<RunReport> StopAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _harness.StopAsync(timeout, cancellationToken);

    /// <summary>Lists what the run did not release; empty when clean.</summary>
    public IReadOnlyList<string> FindLeaks() => _harness.FindLeaks();

    /// <summary>Checks, after <see cref="StopAsync"/> or dispose, that every stage, edge, probe and clock timer was released.</summary>
    /// <exception cref="ExpectationFailedException">Something leaked; the message lists each leak.</exception>
    public void AssertNoLeaks() => _harness.AssertNoLeaks();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
