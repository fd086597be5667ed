using System.Diagnostics;
using System.Threading.Channels;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.channel.fanout4</c>: the ideal for <c>fanout.4.throughput</c> on this machine — one producer task writes each
/// <see cref="long"/> into four bounded channels (capacity 64, in turn, waiting for room: lossless), four consumer tasks
/// count. Rate = elements each consumer received per second.
/// </summary>
internal sealed class RawChannelFanOut : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "raw.channel.fanout4";

    /// <summary>The number of consumers.</summary>
    private const int Consumers = 4;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(Name, "msg/s")];

    /// <inheritdoc />
    public override string Note => "one producer writing each long into 4 bounded Channel<long> (capacity 64, Wait) in turn, 4 consumer tasks; the cores-bound ideal for fan-out.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var channels = Enumerable.Range(0, Consumers).Select(_ => RawChannel.Create()).ToArray();
        using var stop = new CancellationTokenSource(options.Window);
        var started = Stopwatch.GetTimestamp();
        var consumers = channels.Select(c => Task.Run(() => RawChannel.ConsumeAsync(c.Reader, cancellationToken), CancellationToken.None)).ToArray();
        var producer = Task.Run(() => ProduceAsync(channels, stop.Token, cancellationToken), CancellationToken.None);
        await Task.WhenAll([producer, .. consumers]).ConfigureAwait(false);
        var counts = consumers.Select(c => c.Result).ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Dictionary<string, double> { [Name] = counts.Average() / elapsed.TotalSeconds };
    }

    private static async Task ProduceAsync(Channel<long>[] channels, CancellationToken stop, CancellationToken cancellationToken)
    {
        long next = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var channel in channels)
                {
                    if (!channel.Writer.TryWrite(next))
                    {
                        await channel.Writer.WriteAsync(next, cancellationToken).ConfigureAwait(false);
                    }
                }

                next++;
            }
        }
        finally
        {
            // Completing even on failure lets the consumers finish, so every task of the run can be awaited.
            foreach (var channel in channels)
            {
                channel.Writer.TryComplete();
            }
        }
    }
}
