using System.Diagnostics;
using System.Globalization;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.tcp.pingpong.p50</c> / <c>.p99</c>: 64-byte messages to an echo child process over loopback TCP (Nagle off),
/// paced at 1 000 per second like <c>remote.latency</c>, so both sides sleep between messages; the value is half the
/// round trip, in microseconds.
/// </summary>
internal sealed class RawTcpPingPong : Benchmark
{
    /// <summary>The message size.</summary>
    private const int MessageSize = 64;

    /// <summary>The name of the median metric.</summary>
    public const string P50 = "raw.tcp.pingpong.p50";

    /// <summary>The name of the 99th percentile metric.</summary>
    public const string P99 = "raw.tcp.pingpong.p99";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(P50, "µs", lowerIsBetter: true), Metric.Raw(P99, "µs", lowerIsBetter: true)];

    /// <inheritdoc />
    public override string Note => "Half round trip of 64 B messages at 1 000/s to an echo child process over loopback TCP (Nagle off); percentiles of one window per run.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        using var listener = Loopback.Listen();
        await using var child = ChildProcess.Start("tcp-echo", Loopback.Port(listener).ToString(CultureInfo.InvariantCulture), MessageSize.ToString(CultureInfo.InvariantCulture));
        using var socket = await Loopback.AcceptAsync(listener, cancellationToken).ConfigureAwait(false);
        var message = new byte[MessageSize];
        var count = (int)(options.Window.TotalSeconds * 1000);
        var samples = new double[count];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));

        // A few untimed exchanges first, so the echo child has jitted its loop.
        for (var i = -50; i < count; i++)
        {
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            var sent = Stopwatch.GetTimestamp();
            await Loopback.SendAllAsync(socket, message, cancellationToken).ConfigureAwait(false);
            if (!await Loopback.ReceiveExactlyAsync(socket, message, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The echo child closed the connection early.");
            }

            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds / 2;
            }
        }

        socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        await child.WaitForSuccessAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double>
        {
            [P50] = Statistics.Percentile(samples, 50),
            [P99] = Statistics.Percentile(samples, 99),
        };
    }
}
