using System.Net;
using System.Net.Sockets;

namespace Chimera.Benchmarks.Baselines;

/// <summary>Loopback TCP plumbing shared by the raw socket baselines and their child processes.</summary>
internal static class Loopback
{
    /// <summary>Listens on 127.0.0.1 on a free port; read the port from <see cref="Port"/>.</summary>
    public static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return listener;
    }

    /// <summary>The port a listener is bound to.</summary>
    public static int Port(Socket listener) => ((IPEndPoint)listener.LocalEndPoint!).Port;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> with Nagle off.</summary>
    public static async Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Accepts one connection with Nagle off.</summary>
    public static async Task<Socket> AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        var socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        socket.NoDelay = true;
        return socket;
    }

    /// <summary>Receives exactly <paramref name="buffer"/>.Length bytes; false when the peer closed first.</summary>
    public static async ValueTask<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }

    /// <summary>Sends all of <paramref name="buffer"/>.</summary>
    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var sent = await socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            buffer = buffer[sent..];
        }
    }
}
