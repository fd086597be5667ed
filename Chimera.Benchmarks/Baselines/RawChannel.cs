using System.Diagnostics;
using System.Threading.Channels;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.channel</c>: the shape of <c>inproc.small.throughput</c> with nothing but channels — a producer task writes
/// <see cref="long"/>s into a bounded <see cref="Channel{T}"/> of 64 (the default edge capacity), a relay task moves
/// them into a second one, a consumer task counts them; every write is <c>TryWrite</c> then <c>WriteAsync</c>, every
/// read is <c>WaitToReadAsync</c> then a <c>TryRead</c> loop, as in the runtime. Rate = consumed / time to drain.
/// </summary>
internal sealed class RawChannel : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "raw.channel";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(Name, "msg/s")];

    /// <inheritdoc />
    public override string Note => "producer → relay → consumer over two bounded Channel<long> (capacity 64, Wait), each on its own task.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var first = Create();
        var second = Create();
        using var stop = new CancellationTokenSource(options.Window);
        var started = Stopwatch.GetTimestamp();
        var producer = Task.Run(() => ProduceAsync(first.Writer, stop.Token, cancellationToken), CancellationToken.None);
        var relay = Task.Run(() => RelayAsync(first.Reader, second.Writer, cancellationToken), CancellationToken.None);
        var consumer = Task.Run(() => ConsumeAsync(second.Reader, cancellationToken), CancellationToken.None);
        await Task.WhenAll(producer, relay, consumer).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Dictionary<string, double> { [Name] = consumer.Result / elapsed.TotalSeconds };
    }

    /// <summary>A bounded channel configured like an edge.</summary>
    internal static Channel<long> Create() => Channel.CreateBounded<long>(new BoundedChannelOptions(64)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    /// <summary>Writes consecutive numbers until <paramref name="stop"/>, then completes the channel.</summary>
    internal static async Task ProduceAsync(ChannelWriter<long> writer, CancellationToken stop, CancellationToken cancellationToken)
    {
        long next = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!writer.TryWrite(next))
                {
                    await writer.WriteAsync(next, cancellationToken).ConfigureAwait(false);
                }

                next++;
            }
        }
        finally
        {
            // Completing even on failure lets the readers finish, so every task of the run can be awaited.
            writer.TryComplete();
        }
    }

    /// <summary>Counts elements until the channel completes.</summary>
    internal static async Task<long> ConsumeAsync(ChannelReader<long> reader, CancellationToken cancellationToken)
    {
        long count = 0;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out _))
            {
                count++;
            }
        }

        return count;
    }

    private static async Task RelayAsync(ChannelReader<long> reader, ChannelWriter<long> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (!writer.TryWrite(item))
                    {
                        await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
