namespace Chimera.Benchmarks.Children;

/// <summary>Child role <c>tcp-echo PORT SIZE</c>: connects to the parent and sends every SIZE-byte message straight back until the parent closes (blocking calls on the main thread: no thread-pool hop).</summary>
internal static class TcpEcho
{
    /// <summary>Runs the role.</summary>
    public static async Task<int> RunAsync(int port, int size, CancellationToken cancellationToken)
    {
        using var socket = await Baselines.Loopback.ConnectAsync(port, cancellationToken).ConfigureAwait(false);
        var message = new byte[size];
        while (true)
        {
            var received = 0;
            while (received < size)
            {
                var read = socket.Receive(message, received, size - received, System.Net.Sockets.SocketFlags.None);
                if (read == 0)
                {
                    return 0;
                }

                received += read;
            }

            socket.Send(message);
        }
    }
}
