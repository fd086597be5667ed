using System.Net;
using Chimera.Cluster.Protocol;
using Chimera.Remote;

namespace Chimera;

public sealed partial class Worker
{
    private DataPlane? _dataPlane;

    /// <summary>Starts the data listener other workers connect to for stream references; returns the endpoint to advertise.</summary>
    private async Task<string> StartDataPlaneAsync(string advertisedHost, CancellationToken cancellationToken)
    {
        _dataPlane = new DataPlane(Name, Options.Remote, ClusterSecretAuthenticator.For(Options.Secret), _loggerFactory, time: Options.Clock)
        {
            Certificate = _certificate,
        };
        var bound = await _dataPlane.StartAsync(IPAddress.Parse(Options.Host), Options.DataPort, cancellationToken).ConfigureAwait(false);
        Runtime.DataPlane = _dataPlane;
        var port = bound[(bound.LastIndexOf(':') + 1)..];
        return $"{advertisedHost}:{port}";
    }

    private async Task StopDataPlaneAsync()
    {
        if (_dataPlane is not null)
        {
            await _dataPlane.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Connects this worker's incoming cross-process edges to their senders; returns one error per edge that could not connect.</summary>
    internal async Task<IReadOnlyList<string>> ConnectRemoteEdgesAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        var partition = Runtime.Partition;
        if (partition is null || partition.Blueprint.Id != request.RunId)
        {
            return [$"Worker '{Name}' does not hold run {request.RunId}."];
        }

        var errors = new List<string>();
        foreach (var id in partition.Partition.RemoteInputs)
        {
            if (!request.Senders.TryGetValue(id, out var endpoint) || string.IsNullOrEmpty(endpoint))
            {
                errors.Add($"Edge '{id}': the manager gave worker '{Name}' no address for its sender.");
                continue;
            }

            try
            {
                await Runtime.ConnectIncomingAsync(partition.Blueprint.GetEdge(id), endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteEdgeException ex)
            {
                errors.Add(ex.Message);
            }
        }

        return errors;
    }
}
