using System.Buffers;
using Chimera.Benchmarks.Harness;
using Chimera.Wire;

namespace Chimera.Benchmarks.Profile;

/// <summary>
/// The whole user-space path of a <c>remote.small</c> element on one thread, with every hand-off between threads and
/// the socket left out: what <c>BlobSource</c> does (a fresh 64-byte array, <c>DataChunk.Of</c>), the
/// stage's freeze, encoding into a batch of 256 as the stream sender does, and decoding that batch as the receiver
/// does. It is the floor under <c>remote.small.cpu_per_msg</c> that no threading design can go below (the kernel's
/// loopback TCP comes on top), so it says how much of the measured cost is hand-offs; reported only.
/// </summary>
internal sealed class ElementPathProfile : Benchmark
{
    /// <summary>Elements per batch, as the stream sender builds them under load.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches per measured loop.</summary>
    private const int Batches = 4000;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure("profile.element.path.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.element.path.bytes", "B/msg", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "One thread, per element: new byte[64] + DataChunk.Of + Freeze, DataChunkCodec.EncodeBatch in batches of 256, DecodeBatch of each batch; the remote.small element's user-space path with no thread hand-off, channel or socket (the floor under remote.small.cpu_per_msg, before the kernel's TCP); GC.GetAllocatedBytesForCurrentThread, collections included.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var codec = new DataChunkCodec(new WireSettings(), ValueCodecRegistry.Default);
        var batch = new List<DataChunk>(BatchSize);
        var decoded = new List<DataChunk>(BatchSize);
        using var output = new PooledBufferWriter();
        long sequence = 0;
        var ns = ThreadCost.Measure(() =>
        {
            for (var b = 0; b < Batches; b++)
            {
                batch.Clear();
                for (var i = 0; i < BatchSize; i++)
                {
                    var blob = new byte[64];
                    BitConverter.TryWriteBytes(blob, sequence++);
                    var chunk = DataChunk.Of(blob);
                    chunk.Freeze();
                    batch.Add(chunk);
                }

                output.Clear();
                codec.EncodeBatch(batch, output, DateTimeOffset.UtcNow);
                decoded.Clear();
                codec.DecodeBatch(new ReadOnlySequence<byte>(output.WrittenMemory), decoded, DateTimeOffset.UtcNow);
            }
        }, BatchSize * Batches, out var bytes);
        IReadOnlyDictionary<string, double> result = new Dictionary<string, double>
        {
            ["profile.element.path.ns"] = ns,
            ["profile.element.path.bytes"] = bytes,
        };
        return Task.FromResult(result);
    }
}
