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

    /// <summary>How long the pinging thread waits for an echo before failing (so it never blocks forever).</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The name of the median metric.</summary>
    public const string P50 = "raw.tcp.pingpong.p50";

    /// <summary>The name of the 99th percentile metric.</summary>
    public const string P99 = "raw.tcp.pingpong.p99";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(P50, "µs", lowerIsBetter: true), Metric.Raw(P99, "µs", lowerIsBetter: true)];

    /// <inheritdoc />
    public override string Note => "Half round trip of 64 B messages paced at 1 000/s (Thread.Sleep between) to an echo child process over loopback TCP (Nagle off), blocking calls on dedicated threads on both sides; percentiles of one window per run.";

    /// <summary>Sends <paramref name="samples"/>.Length paced messages (after 50 untimed ones) and records half of each round trip, in µs.</summary>
    private static void Ping(System.Net.Sockets.Socket socket, double[] samples, CancellationToken cancellationToken)
    {
        var message = new byte[MessageSize];
        socket.ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds;
        var period = Stopwatch.Frequency / 1000;
        var due = Stopwatch.GetTimestamp();
        for (var i = -50; i < samples.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            due += period;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            var sent = Stopwatch.GetTimestamp();
            socket.Send(message);
            var received = 0;
            while (received < MessageSize)
            {
                var read = socket.Receive(message, received, MessageSize - received, System.Net.Sockets.SocketFlags.None);
                if (read == 0)
                {
                    throw new InvalidOperationException("The echo child closed the connection early.");
                }

                received += read;
            }

            if (i >= 0)
            {
                samples[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds / 2;
            }
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        using var listener = Loopback.Listen();
        await using var child = ChildProcess.Start("tcp-echo", Loopback.Port(listener).ToString(CultureInfo.InvariantCulture), MessageSize.ToString(CultureInfo.InvariantCulture));
        using var socket = await Loopback.AcceptAsync(listener, cancellationToken).ConfigureAwait(false);
        var count = (int)(options.Window.TotalSeconds * 1000);
        var samples = new double[count];

        // A dedicated thread with blocking calls: the floor, with no thread-pool hop on this side.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pinger = new Thread(() =>
        {
            try
            {
                Ping(socket, samples, cancellationToken);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "pingpong" };
        pinger.Start();
        await done.Task.ConfigureAwait(false);

        socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        await child.WaitForSuccessAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double>
        {
            [P50] = Statistics.Percentile(samples, 50),
            [P99] = Statistics.Percentile(samples, 99),
        };
    }
}
