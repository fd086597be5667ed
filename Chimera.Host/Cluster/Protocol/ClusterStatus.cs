namespace Chimera;

/// <summary>What <c>chimera status</c> shows: every worker with its liveness and resources, and the current run.</summary>
/// <param name="ManagerUrl">The manager's control API address.</param>
/// <param name="Workers">Every registered worker.</param>
/// <param name="Run">The current run's report, or <see langword="null"/> when nothing is committed.</param>
public sealed record ClusterStatus(string ManagerUrl, IReadOnlyList<WorkerStatus> Workers, RunReport? Run);

/// <summary>A worker as the manager sees it.</summary>
/// <param name="Name">The worker's unique name.</param>
/// <param name="Liveness"><c>up</c>, or <c>unreachable</c> when the failure detector suspects it.</param>
/// <param name="CpuPercent">Process CPU use over the last heartbeat interval, in percent of one core.</param>
/// <param name="MemoryBytes">The worker process's working set.</param>
/// <param name="LastHeartbeat">When the last heartbeat arrived.</param>
/// <param name="Phi">The failure detector's current suspicion level (unreachable above the threshold, 8 by default).</param>
/// <param name="ControlUrl">Where the manager sends commands.</param>
/// <param name="DataEndpoint">Where other workers connect for data (host:port).</param>
/// <param name="ProcessId">The worker's process id on its host.</param>
/// <param name="Host">The worker's host name.</param>
/// <param name="ClockOffsetMs">How far the manager's clock is ahead of the worker's (ms), as the worker last measured; null until measured.</param>
/// <param name="ClockUncertaintyMs">How far <paramref name="ClockOffsetMs"/> may be off (half the best probe's round trip, ms).</param>
public sealed record WorkerStatus(
    string Name,
    string Liveness,
    double CpuPercent,
    long MemoryBytes,
    DateTimeOffset LastHeartbeat,
    double Phi,
    string ControlUrl,
    string DataEndpoint,
    int ProcessId,
    string Host,
    double? ClockOffsetMs = null,
    double? ClockUncertaintyMs = null);

/// <summary>Something that happened in the cluster, as streamed on the manager's event WebSocket.</summary>
/// <param name="Kind">One of <c>worker-joined</c>, <c>worker-rejoined</c>, <c>worker-unreachable</c>, <c>worker-reachable</c>, <c>worker-removed</c>, <c>commit-progress</c>, <c>node-failed</c>, <c>run-finished</c>, <c>worker-error</c> (a command a worker could not take), <c>heartbeat</c>, <c>collect-progress</c>, <c>run-collected</c>.</param>
/// <param name="Time">When it happened, on the manager's clock.</param>
/// <param name="Worker">The worker concerned, if any.</param>
/// <param name="Node">The node concerned, if any.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Heartbeat">For <c>heartbeat</c> events: the worker's status.</param>
/// <param name="Collect">For <c>collect-progress</c> events: how far the collection of one worker's files is.</param>
public sealed record ClusterEvent(string Kind, DateTimeOffset Time, string? Worker, string? Node, string Message, WorkerStatus? Heartbeat = null, CollectProgress? Collect = null);
