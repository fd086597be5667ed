using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.tcp.small</c> / <c>raw.tcp.bulk</c>: a child process sends length-prefixed messages over a loopback socket
/// for the measurement window; this process receives and frames them (small: parses every length prefix out of 256 KB
/// reads; bulk: reads each message whole into one reused buffer). The rate runs from the first byte to the end of the
/// stream, so process start-up is not counted. This is the ceiling a cross-process edge can approach: no codec, no
/// allocation per message, no credit.
/// </summary>
internal sealed class RawTcpStream(string name, int messageSize, bool bulk) : Benchmark
{
    /// <summary>The receive buffer for small messages.</summary>
    private const int ReceiveBuffer = 256 * 1024;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(name, bulk ? "GB/s" : "msg/s")];

    /// <inheritdoc />
    public override string Note => bulk
        ? $"{messageSize / 1_000_000.0:0.#} MB messages from a child process over loopback TCP, read whole into one reused buffer."
        : $"{messageSize} B length-prefixed messages batched into 64 KB writes by a child process over loopback TCP; every prefix parsed.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        using var listener = Loopback.Listen();
        var seconds = options.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        await using var child = ChildProcess.Start("tcp-send", Loopback.Port(listener).ToString(CultureInfo.InvariantCulture), messageSize.ToString(CultureInfo.InvariantCulture), seconds);
        using var socket = await Loopback.AcceptAsync(listener, cancellationToken).ConfigureAwait(false);
        var (messages, bytes, elapsed) = bulk
            ? await ReceiveBulkAsync(socket, cancellationToken).ConfigureAwait(false)
            : await ReceiveSmallAsync(socket, cancellationToken).ConfigureAwait(false);
        await child.WaitForSuccessAsync(cancellationToken).ConfigureAwait(false);
        var value = bulk ? bytes / elapsed.TotalSeconds / 1e9 : messages / elapsed.TotalSeconds;
        return new Dictionary<string, double> { [Metrics[0].Name] = value };
    }

    private static async Task<(long Messages, long Bytes, TimeSpan Elapsed)> ReceiveSmallAsync(System.Net.Sockets.Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReceiveBuffer];
        int start = 0, end = 0;
        long messages = 0, bytes = 0, started = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(end), System.Net.Sockets.SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (started == 0)
            {
                started = Stopwatch.GetTimestamp();
            }

            end += read;
            bytes += read;
            while (end - start >= 4)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                if (end - start < 4 + length)
                {
                    break;
                }

                start += 4 + length;
                messages++;
            }

            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        return (messages, bytes, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(long Messages, long Bytes, TimeSpan Elapsed)> ReceiveBulkAsync(System.Net.Sockets.Socket socket, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        byte[] message = [];
        long messages = 0, bytes = 0, started = 0;
        while (await Loopback.ReceiveExactlyAsync(socket, header, cancellationToken).ConfigureAwait(false))
        {
            if (started == 0)
            {
                started = Stopwatch.GetTimestamp();
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (message.Length != length)
            {
                message = new byte[length];
            }

            if (!await Loopback.ReceiveExactlyAsync(socket, message, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            messages++;
            bytes += 4 + length;
        }

        return (messages, bytes, Stopwatch.GetElapsedTime(started));
    }
}
