using System.Diagnostics;
using System.Threading.Channels;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.parallel.4</c>: the work of <c>parallel.4.throughput</c> without Chimera — a producer task feeds
/// <see cref="long"/>s into a bounded channel (capacity 64), four worker tasks each take the next one and busy-wait
/// 50 µs. Measured in the same run, so it sees the same CPU the figure could get (on a shared machine, less than
/// the computed <c>ideal.parallel.4</c>).
/// </summary>
internal sealed class RawParallel : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "raw.parallel.4";

    /// <summary>The number of workers.</summary>
    private const int Workers = ParallelWork.Parallelism;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(Name, "msg/s")];

    /// <inheritdoc />
    public override string Note => "producer → bounded Channel<long> (64) → 4 worker tasks busy-waiting 50 µs per element (the same spin as SpinStep).";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var channel = RawChannel.Create();
        using var stop = new CancellationTokenSource(options.Window);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(channel.Reader, cancellationToken), CancellationToken.None)).ToArray();
        var producer = Task.Run(() => RawChannel.ProduceAsync(channel.Writer, stop.Token, cancellationToken), CancellationToken.None);
        await Task.WhenAll([producer, .. workers]).ConfigureAwait(false);
        var counts = workers.Select(w => w.Result).ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Dictionary<string, double> { [Name] = counts.Sum() / elapsed.TotalSeconds };
    }

    private static async Task<long> WorkAsync(ChannelReader<long> reader, CancellationToken cancellationToken)
    {
        long count = 0;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out _))
            {
                SpinStep.Spin(ParallelWork.Microseconds);
                count++;
            }
        }

        return count;
    }
}
