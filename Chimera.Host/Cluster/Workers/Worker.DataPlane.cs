namespace Chimera;

public sealed partial class Worker
{
    // The data plane (stream references between workers) plugs in here.
    private Task<string> StartDataPlaneAsync(string advertisedHost, CancellationToken cancellationToken) =>
        Task.FromResult($"{advertisedHost}:0");

    private Task StopDataPlaneAsync() => Task.CompletedTask;

    /// <summary>Connects this worker's incoming cross-process edges to their senders; returns one error per edge that could not connect.</summary>
    internal Task<IReadOnlyList<string>> ConnectRemoteEdgesAsync(Cluster.Protocol.ConnectRequest request, CancellationToken cancellationToken)
    {
        var partition = Runtime.Partition;
        if (partition is null || partition.Blueprint.Id != request.RunId)
        {
            return Task.FromResult<IReadOnlyList<string>>([$"Worker '{Name}' does not hold run {request.RunId}."]);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. partition.Partition.RemoteInputs.Select(edge =>
            $"Edge '{edge}' crosses processes, and worker '{Name}' has no data plane for stream references in this build.")]);
    }
}
