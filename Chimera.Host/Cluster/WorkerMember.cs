using Chimera.Cluster.Membership;
using Chimera.Cluster.Workers;

namespace Chimera.Cluster;

/// <summary>A worker that registered with the manager over the network, with its failure detector and last heartbeat.</summary>
internal sealed class WorkerMember(string name, string controlUrl, string dataEndpoint, int processId, string host, RemoteWorkerHandle handle, PhiAccrualFailureDetector detector)
{
    public string Name { get; } = name;

    public string ControlUrl { get; } = controlUrl;

    public string DataEndpoint { get; } = dataEndpoint;

    public int ProcessId { get; } = processId;

    public string Host { get; } = host;

    public RemoteWorkerHandle Handle { get; } = handle;

    public PhiAccrualFailureDetector Detector { get; } = detector;

    /// <summary>Identifies this registration; heartbeats from an older registration of the same name are refused.</summary>
    public string Session { get; } = Guid.NewGuid().ToString("N");

    public bool Reachable { get; set; } = true;

    public double CpuPercent { get; set; }

    public long MemoryBytes { get; set; }

    public DateTimeOffset LastHeartbeat { get; set; }

    /// <summary>The worker's last reported clock offset to the manager (manager minus local), null until it measured one.</summary>
    public double? ClockOffsetMs { get; set; }

    /// <summary>How far <see cref="ClockOffsetMs"/> may be off.</summary>
    public double? ClockUncertaintyMs { get; set; }

    public WorkerStatus ToStatus() => new(Name, Reachable ? "up" : "unreachable", CpuPercent, MemoryBytes, LastHeartbeat, Math.Round(Detector.Phi(), 3), ControlUrl, DataEndpoint, ProcessId, Host, ClockOffsetMs, ClockUncertaintyMs);
}
