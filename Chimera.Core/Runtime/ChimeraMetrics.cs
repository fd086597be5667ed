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

    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Chimera.Remote.RemoteEdgeMetrics>>> s_remote = new();

    static ChimeraMetrics()
    {
        Meter.CreateObservableCounter("chimera.edge.sent", () => Observe(e => e.Sent), "{element}", "Elements written to an edge.");
        Meter.CreateObservableCounter("chimera.edge.received", () => Observe(e => e.Received), "{element}", "Elements taken from an edge.");
        Meter.CreateObservableCounter("chimera.edge.dropped", () => Observe(e => e.Dropped), "{element}", "Elements dropped by an edge's overflow policy.");
        Meter.CreateObservableGauge("chimera.edge.queue_depth", () => Observe(e => (long)e.QueueDepth), "{element}", "Elements buffered on an edge.");
        Meter.CreateObservableGauge("chimera.edge.queue_bytes", () => Observe(e => e.QueueBytes), "By", "Bytes of element values (frames, arrays, strings, audio) buffered on an edge, against its byte bound.");
        Meter.CreateObservableCounter("chimera.remote.elements_sent", () => ObserveRemote(m => m.ElementsSent), "{element}", "Elements a stream reference sent.");
        Meter.CreateObservableCounter("chimera.remote.elements_received", () => ObserveRemote(m => m.ElementsReceived), "{element}", "Elements a stream reference received.");
        Meter.CreateObservableCounter("chimera.remote.bytes_sent", () => ObserveRemote(m => m.BytesSent), "By", "Bytes a stream reference sent.");
        Meter.CreateObservableCounter("chimera.remote.bytes_received", () => ObserveRemote(m => m.BytesReceived), "By", "Bytes a stream reference received.");
        Meter.CreateObservableGauge("chimera.remote.credit_outstanding", () => ObserveRemote(m => m.CreditOutstanding), "{element}", "Credit granted and not yet used on a stream reference.");
        Meter.CreateObservableCounter("chimera.remote.writes", () => ObserveRemote(m => m.Writes), "{write}", "Flushes of a stream reference's connection: batches handed to the socket.");
        Meter.CreateObservableCounter("chimera.remote.reads", () => ObserveRemote(m => m.Reads), "{read}", "Times a stream reference's read loop woke with bytes.");
        Meter.CreateObservableCounter("chimera.remote.dropped", () => ObserveRemote(m => m.Dropped), "{element}", "Elements the receiving side of a stream reference dropped by policy.");
        Meter.CreateObservableGauge("chimera.remote.round_trip", () => ObserveRemoteDouble(m => m.RoundTripEstimate?.TotalMilliseconds), "ms", "Round-trip estimate of a stream reference's connection.");
    }

    /// <summary>Makes a data plane's stream references visible to the remote instruments until <see cref="UntrackRemote"/>.</summary>
    public static void TrackRemote(object owner, Func<IEnumerable<Chimera.Remote.RemoteEdgeMetrics>> snapshot) => s_remote[owner] = snapshot;

    /// <summary>Stops reporting a data plane's stream references.</summary>
    public static void UntrackRemote(object owner) => s_remote.TryRemove(owner, out _);

    private static IEnumerable<Measurement<long>> ObserveRemote(Func<Chimera.Remote.RemoteEdgeMetrics, long> read) =>
        s_remote.Values.SelectMany(source => source()).Select(m => new Measurement<long>(
            read(m),
            new KeyValuePair<string, object?>("edge", m.Edge),
            new KeyValuePair<string, object?>("role", m.Role.ToString())));

    private static IEnumerable<Measurement<double>> ObserveRemoteDouble(Func<Chimera.Remote.RemoteEdgeMetrics, double?> read) =>
        s_remote.Values.SelectMany(source => source()).Where(m => read(m) is not null).Select(m => new Measurement<double>(
            read(m)!.Value,
            new KeyValuePair<string, object?>("edge", m.Edge),
            new KeyValuePair<string, object?>("role", m.Role.ToString())));

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
