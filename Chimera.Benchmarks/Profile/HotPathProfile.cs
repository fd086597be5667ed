using Chimera.Benchmarks.Harness;
using Chimera.Runtime;

namespace Chimera.Benchmarks.Profile;

/// <summary>
/// Single-thread costs of the pieces every in-process element goes through, to explain <c>inproc.small</c>: wrapping
/// a plain value in a chunk (<c>DataChunk.Of</c>, freeze, <c>Get&lt;long&gt;</c>) and one write + read on an
/// <c>EdgeChannel</c> with no contention. Nanoseconds and bytes allocated per element; reported only.
/// </summary>
internal sealed class HotPathProfile : Benchmark
{
    /// <summary>Elements per measured loop.</summary>
    private const int Elements = 2_000_000;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure("profile.chunk.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.chunk.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.edge.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.edge.bytes", "B/msg", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "One thread: chunk = DataChunk.Of(boxed long) + Freeze + Get<long>; edge = EdgeChannel.WriteAsync + TryRead of a prebuilt chunk (capacity 64, no waiting). GC.GetAllocatedBytesForCurrentThread.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, double> result = new Dictionary<string, double>
        {
            ["profile.chunk.ns"] = Measure(Chunks, out var chunkBytes),
            ["profile.chunk.bytes"] = chunkBytes,
            ["profile.edge.ns"] = Measure(Edge, out var edgeBytes),
            ["profile.edge.bytes"] = edgeBytes,
        };
        return Task.FromResult(result);
    }

    /// <summary>Runs <paramref name="loop"/> once, keeping its checksum alive so the work cannot be optimized away.</summary>
    private static double Measure(Func<long> loop, out double bytesPerElement)
    {
        long checksum = 0;
        var ns = ThreadCost.Measure(() => checksum = loop(), Elements, out bytesPerElement);
        GC.KeepAlive(checksum);
        return ns;
    }

    private static long Chunks()
    {
        long sum = 0;
        for (long i = 0; i < Elements; i++)
        {
            var chunk = DataChunk.Of(i);
            chunk.Freeze();
            sum += chunk.Get<long>();
        }

        return sum;
    }

    private static long Edge()
    {
        var edge = new EdgeChannel(new BlueprintEdge("a -> b", "a", "b", EdgeOptions.DefaultCapacity, OverflowPolicy.Backpressure, Follow: false, "w", "w", IsRemote: false));
        var chunk = DataChunk.Of(1L);
        long sum = 0;
        for (var i = 0; i < Elements; i++)
        {
            var write = edge.WriteAsync(chunk, CancellationToken.None);
            if (!write.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The edge should have had room.");
            }

            sum += edge.TryRead(out var read) ? read.Count : 0;
        }

        return sum;
    }
}
