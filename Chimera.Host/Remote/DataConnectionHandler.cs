using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Chimera.Remote;

/// <summary>Kestrel's entry point for data connections: each connection is handed to the data plane; the returned task is the connection's lifetime.</summary>
internal sealed class DataConnectionHandler : ConnectionHandler
{
    /// <summary>The plane that serves the connections.</summary>
    private readonly DataPlane _plane;

    /// <summary>Serves connections with <paramref name="plane"/>.</summary>
    public DataConnectionHandler(DataPlane plane) => _plane = plane;

    /// <inheritdoc />
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteEndPoint;
        var loopback = remote is IPEndPoint ip && IPAddress.IsLoopback(ip.Address);
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        return _plane.ServeAsync(connection.Transport, remote?.ToString() ?? "(unknown peer)", loopback, connection.ConnectionClosed, socket);
    }
}
