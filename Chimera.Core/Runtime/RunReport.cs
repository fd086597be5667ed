namespace Chimera;

/// <summary>
/// A snapshot of a run: each node's state and counters, each edge's sent/received/dropped counts, and every failure.
/// After a completed drain the edge counters add up: <c>Sent == Received + Dropped</c> on every edge.
/// </summary>
/// <param name="RunId">The blueprint id of the run.</param>
/// <param name="Status">Where the run is.</param>
/// <param name="Nodes">One entry per node.</param>
/// <param name="Edges">One entry per edge.</param>
/// <param name="Failures">Every failure reported, in order.</param>
public sealed record RunReport(
    string RunId,
    RunStatus Status,
    IReadOnlyList<NodeReport> Nodes,
    IReadOnlyList<EdgeReport> Edges,
    IReadOnlyList<NodeFailure> Failures)
{
    /// <summary>Returns the report of the named node.</summary>
    public NodeReport Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name) ?? throw new KeyNotFoundException($"The run has no node named '{name}'.");

    /// <summary>Returns the report of the edge <c>from -> to</c>.</summary>
    public EdgeReport Edge(string from, string to) =>
        Edges.FirstOrDefault(e => e.From == from && e.To == to) ?? throw new KeyNotFoundException($"The run has no edge '{from} -> {to}'.");

    /// <summary>Renders the report as two plain-text tables (nodes, then edges), for logs and the command line.</summary>
    public string ToTable()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"run {RunId}: {Status}");
        sb.AppendLine($"{"node",-24} {"worker",-12} {"state",-9} {"steps",12} {"failures",9} {"restarts",9} {"discarded",10}");
        foreach (var n in Nodes)
        {
            sb.AppendLine($"{n.Name,-24} {n.Worker,-12} {n.State,-9} {n.Steps,12} {n.Failures,9} {n.Restarts,9} {n.Discarded,10}");
        }

        sb.AppendLine($"{"edge",-36} {"kind",-6} {"sent",12} {"received",12} {"dropped",10}");
        foreach (var e in Edges)
        {
            sb.AppendLine($"{e.Id,-36} {(e.IsRemote ? "remote" : "local"),-6} {e.Sent,12} {e.Received,12} {e.Dropped,10}");
        }

        foreach (var e in Edges.Where(e => e.Wire is not null))
        {
            var w = e.Wire!;
            var rtt = w.RoundTripMs is { } ms ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ms:0.###} ms") : "not measured";
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"wire {e.Id}: {w.BytesSent} bytes sent in {w.Writes} writes, {w.BytesReceived} received in {w.Reads} reads, round trip {rtt}");
        }

        foreach (var f in Failures)
        {
            sb.AppendLine($"failure: node '{f.Node}' on worker '{f.Worker}' during {f.Phase}: {f.Error}");
        }

        return sb.ToString();
    }
}

/// <summary>A node's state and counters in a <see cref="RunReport"/>.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Worker">The worker it runs on.</param>
/// <param name="State">Its lifecycle state.</param>
/// <param name="Steps">Steps completed, summed over instances.</param>
/// <param name="Failures">Steps that threw.</param>
/// <param name="Restarts">Instances replaced under the restart strategy.</param>
/// <param name="Discarded">Inputs received but never stepped: followed elements before every input delivered (latest), unmatched elements (zip).</param>
public sealed record NodeReport(string Name, string Worker, NodeState State, long Steps, long Failures, long Restarts, long Discarded);

/// <summary>An edge's counters in a <see cref="RunReport"/>.</summary>
/// <param name="Id">The edge's name, <c>from -> to</c>.</param>
/// <param name="From">The upstream node.</param>
/// <param name="To">The downstream node.</param>
/// <param name="IsRemote">Whether the edge crosses workers.</param>
/// <param name="Sent">Elements the producer wrote.</param>
/// <param name="Received">Elements the consumer took.</param>
/// <param name="Dropped">Elements the overflow policy dropped.</param>
/// <param name="QueueDepth">Elements buffered at the time of the snapshot.</param>
/// <param name="Wire">
/// What crossed the connection of a remote edge between worker processes, or <see langword="null"/> for an edge inside
/// one process.
/// </param>
public sealed record EdgeReport(string Id, string From, string To, bool IsRemote, long Sent, long Received, long Dropped, int QueueDepth, EdgeWireReport? Wire = null);

/// <summary>
/// The connection of a remote edge in a <see cref="RunReport"/>: how many bytes crossed, in how many writes and reads,
/// and the measured round trip. Elements per write tells how well the sender batches (each write is one hand-off of a
/// batch to the socket).
/// </summary>
/// <param name="BytesSent">Encoded element bytes the sending worker wrote.</param>
/// <param name="BytesReceived">Encoded element bytes the receiving worker read.</param>
/// <param name="Writes">Flushes of the sender's output: batches handed to the socket, control frames included.</param>
/// <param name="Reads">Times the receiver's read loop woke with bytes: at most one per receive call on the socket.</param>
/// <param name="RoundTripMs">The sender's smoothed ping round trip in milliseconds, or <see langword="null"/> before the first pong.</param>
public sealed record EdgeWireReport(long BytesSent, long BytesReceived, long Writes, long Reads, double? RoundTripMs);

/// <summary>A failure reported by a node.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Worker">The worker it ran on.</param>
/// <param name="Phase">What was running: <c>create</c>, <c>setup</c>, <c>step</c> or <c>teardown</c>.</param>
/// <param name="Error">The exception's type and message.</param>
/// <param name="Details">The exception's full text, with stack trace.</param>
public sealed record NodeFailure(string Node, string Worker, string Phase, string Error, string Details)
{
    /// <summary>Creates a failure record from an exception.</summary>
    public static NodeFailure From(string node, string worker, string phase, Exception exception) =>
        new(node, worker, phase, $"{exception.GetType().Name}: {exception.Message}", exception.ToString());
}

/// <summary>Where a run is.</summary>
public enum RunStatus
{
    /// <summary>Committed: nodes are set up, no data flows yet.</summary>
    Committed,

    /// <summary>Data flows.</summary>
    Running,

    /// <summary>Sources were stopped and the graph is draining.</summary>
    Stopping,

    /// <summary>Every node finished and the drain completed.</summary>
    Completed,

    /// <summary>A node failed under the stop strategy, or the run was aborted.</summary>
    Failed,
}
