using Chimera.Benchmarks.Baselines;

namespace Chimera.Benchmarks.Children;

/// <summary>Child role <c>tcp-echo PORT SIZE</c>: connects to the parent and sends every SIZE-byte message straight back until the parent closes.</summary>
internal static class TcpEcho
{
    /// <summary>Runs the role.</summary>
    public static async Task<int> RunAsync(int port, int size, CancellationToken cancellationToken)
    {
        using var socket = await Loopback.ConnectAsync(port, cancellationToken).ConfigureAwait(false);
        var message = new byte[size];
        while (await Loopback.ReceiveExactlyAsync(socket, message, cancellationToken).ConfigureAwait(false))
        {
            await Loopback.SendAllAsync(socket, message, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
