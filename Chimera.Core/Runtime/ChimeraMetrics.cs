using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Chimera.Runtime;

/// <summary>
/// Chimera's instruments on the <c>Chimera</c> meter (System.Diagnostics.Metrics), so dotnet-counters, OpenTelemetry or
/// a MeterListener see node steps, step latency, failures and per-edge sent/received/dropped/queue depth.
/// </summary>
internal static class ChimeraMetrics
{
    public const string MeterName = "Chimera";

    public static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("chimera.node.steps", "{step}", "Steps completed by a node.");

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("chimera.node.step.duration", "ms", "Time a node's step took.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("chimera.node.failures", "{failure}", "Steps that threw.");

    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("chimera.node.restarts", "{restart}", "Instances replaced after a failure.");

    public static readonly Counter<long> Discarded = Meter.CreateCounter<long>("chimera.node.discarded", "{element}", "Inputs received but never stepped.");

    private static readonly ConcurrentDictionary<EdgeChannel, string> s_edges = new();

    static ChimeraMetrics()
    {
        Meter.CreateObservableCounter("chimera.edge.sent", () => Observe(e => e.Sent), "{element}", "Elements written to an edge.");
        Meter.CreateObservableCounter("chimera.edge.received", () => Observe(e => e.Received), "{element}", "Elements taken from an edge.");
        Meter.CreateObservableCounter("chimera.edge.dropped", () => Observe(e => e.Dropped), "{element}", "Elements dropped by an edge's overflow policy.");
        Meter.CreateObservableGauge("chimera.edge.queue_depth", () => Observe(e => (long)e.QueueDepth), "{element}", "Elements buffered on an edge.");
    }

    /// <summary>Makes an edge visible to the observable instruments until <see cref="Untrack"/>.</summary>
    public static void Track(EdgeChannel edge, string runId) => s_edges[edge] = runId;

    /// <summary>Stops reporting an edge.</summary>
    public static void Untrack(EdgeChannel edge) => s_edges.TryRemove(edge, out _);

    private static IEnumerable<Measurement<long>> Observe(Func<EdgeChannel, long> read)
    {
        foreach (var (edge, runId) in s_edges)
        {
            yield return new Measurement<long>(
                read(edge),
                new KeyValuePair<string, object?>("edge", edge.Edge.Id),
                new KeyValuePair<string, object?>("run", runId));
        }
    }
}
