using System.Buffers;
using Chimera.Benchmarks.Harness;
using Chimera.Wire;

namespace Chimera.Benchmarks.Profile;

/// <summary>
/// Single-thread costs of the wire codec for the element <c>remote.small</c> sends (a chunk holding one 64-byte array):
/// encoding into a batch and decoding the batch back into chunks, per element; and the element's whole user-space path
/// (what <c>BlobSource</c> does to make it, the stage's freeze, encode, decode) with every hand-off between threads and
/// the socket left out, the floor under <c>remote.small.cpu_per_msg</c> that no threading design goes below (the
/// kernel's loopback TCP comes on top). Explains how much of a cross-process element's budget the codec takes, and how
/// much is hand-offs; reported only.
/// </summary>
internal sealed class CodecProfile : Benchmark
{
    /// <summary>Elements per batch, as the stream sender builds them under load.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches per measured loop.</summary>
    private const int Batches = 4000;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure("profile.codec.encode.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.codec.encode.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.codec.decode.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.codec.decode.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.codec.wire.bytes", "B/msg", lowerIsBetter: true),
        Metric.Figure("profile.element.path.ns", "ns/msg", lowerIsBetter: true),
        Metric.Figure("profile.element.path.bytes", "B/msg", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "One thread: DataChunkCodec.EncodeBatch / DecodeBatch of 256 chunks of one 64-byte array each (the remote.small element); element.path = per element new byte[64] + DataChunk.Of + Freeze, then EncodeBatch and DecodeBatch of each 256 (no thread hand-off, channel or socket: the floor under remote.small.cpu_per_msg before the kernel's TCP), collections included; GC.GetAllocatedBytesForCurrentThread.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var codec = new DataChunkCodec(new WireSettings(), ValueCodecRegistry.Default);
        var chunks = Enumerable.Range(0, BatchSize).Select(i => DataChunk.Of(new byte[64])).ToList();
        foreach (var chunk in chunks)
        {
            chunk.Freeze();
        }

        using var output = new PooledBufferWriter();
        var now = DateTimeOffset.UtcNow;
        var encodeNs = ThreadCost.Measure(() =>
        {
            for (var b = 0; b < Batches; b++)
            {
                output.Clear();
                codec.EncodeBatch(chunks, output, now);
            }
        }, BatchSize * Batches, out var encodeBytes);
        var payload = new ReadOnlySequence<byte>(output.WrittenMemory.ToArray());
        var decoded = new List<DataChunk>(BatchSize);
        var decodeNs = ThreadCost.Measure(() =>
        {
            for (var b = 0; b < Batches; b++)
            {
                decoded.Clear();
                codec.DecodeBatch(payload, decoded, now);
            }
        }, BatchSize * Batches, out var decodeBytes);
        var pathNs = MeasureElementPath(codec, out var pathBytes);
        IReadOnlyDictionary<string, double> result = new Dictionary<string, double>
        {
            ["profile.element.path.ns"] = pathNs,
            ["profile.element.path.bytes"] = pathBytes,
            ["profile.codec.encode.ns"] = encodeNs,
            ["profile.codec.encode.bytes"] = encodeBytes,
            ["profile.codec.decode.ns"] = decodeNs,
            ["profile.codec.decode.bytes"] = decodeBytes,
            ["profile.codec.wire.bytes"] = (double)payload.Length / BatchSize,
        };
        return Task.FromResult(result);
    }

    /// <summary>Makes, encodes and decodes fresh elements, a batch at a time; nanoseconds and bytes allocated per element.</summary>
    private static double MeasureElementPath(DataChunkCodec codec, out double bytesPerElement)
    {
        var batch = new List<DataChunk>(BatchSize);
        var decoded = new List<DataChunk>(BatchSize);
        using var output = new PooledBufferWriter();
        long sequence = 0;
        return ThreadCost.Measure(() =>
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
        }, BatchSize * Batches, out bytesPerElement);
    }
}
