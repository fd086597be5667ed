using System.Buffers.Binary;
using System.Diagnostics;
using Chimera.Benchmarks.Baselines;

namespace Chimera.Benchmarks.Children;

/// <summary>
/// Child role <c>tcp-send PORT SIZE SECONDS</c>: connects to the parent and sends length-prefixed messages of SIZE
/// bytes for SECONDS, batching small messages into 64 KB writes (each message: int32 length, then the payload with its
/// sequence number in the first 8 bytes), then closes.
/// </summary>
internal static class TcpSender
{
    /// <summary>The size of one socket write for small messages.</summary>
    private const int BatchBytes = 64 * 1024;

    /// <summary>Runs the role.</summary>
    public static async Task<int> RunAsync(int port, int size, double seconds, CancellationToken cancellationToken)
    {
        using var socket = await Loopback.ConnectAsync(port, cancellationToken).ConfigureAwait(false);
        var frame = 4 + size;
        var perBatch = Math.Max(1, BatchBytes / frame);
        var batch = new byte[perBatch * frame];
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long sequence = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < perBatch; i++)
            {
                var message = batch.AsSpan(i * frame, frame);
                BinaryPrimitives.WriteInt32LittleEndian(message, size);
                if (size >= 8)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(message[4..], sequence++);
                }
            }

            await Loopback.SendAllAsync(socket, batch, cancellationToken).ConfigureAwait(false);
        }

        socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        return 0;
    }
}
