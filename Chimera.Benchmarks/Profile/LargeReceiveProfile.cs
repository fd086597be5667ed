using System.Buffers;
using System.Diagnostics;
using Chimera.Benchmarks.Harness;
using Chimera.Wire;

namespace Chimera.Benchmarks.Profile;

/// <summary>
/// Single-thread cost of turning the bytes of one 6 MB element (the <c>remote.large</c> element, cut into 1 MiB
/// frames and arriving in 64 KiB receive buffers) into its chunk: assembled whole and then decoded, against received
/// in place (the reader's default on a stream connection), with a plain copy of the same bytes as the floor.
/// </summary>
internal sealed class LargeReceiveProfile : Benchmark
{
    /// <summary>The element's array length, as <c>remote.large</c> sends.</summary>
    private const int Size = 6_000_000;

    /// <summary>Bytes per receive buffer, as the receiving socket pipe reads them.</summary>
    private const int SegmentSize = 64 * 1024;

    /// <summary>Elements per measured loop.</summary>
    private const int Elements = 200;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Figure("profile.large.receive.assembled.us", "µs/msg", lowerIsBetter: true),
        Metric.Figure("profile.large.receive.placed.us", "µs/msg", lowerIsBetter: true),
        Metric.Figure("profile.large.receive.copy.us", "µs/msg", lowerIsBetter: true),
        Metric.Figure("profile.large.receive.copy_reused.us", "µs/msg", lowerIsBetter: true),
    ];

    /// <inheritdoc />
    public override string Note => "One thread: FrameReader + DataChunkCodec.Decode of a 6 MB byte-array element in 1 MiB frames over 64 KiB segments, assembled whole vs received in place; copy = the same bytes copied once into a fresh array; copy_reused = into one reused array (no page faults). The four interleaved per element.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var settings = new WireSettings();
        var codec = new DataChunkCodec(settings, ValueCodecRegistry.Default);
        var blob = new byte[Size];
        Random.Shared.NextBytes(blob);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new FrameWriter(codec))
        {
            writer.WriteData(output, 0, DataChunk.Of(blob));
        }

        var wire = Segments(output.WrittenSpan.ToArray());
        var reused = new byte[Size];
        using var assembling = new FrameReader(settings);
        using var placing = new FrameReader(settings, codec);

        // The four are interleaved element by element, so that each meets the garbage collector in the same states
        // (whether a background collection is running, how much freed memory is still mapped): measured one loop
        // after another, the order decided more than the code did.
        var elapsed = new long[4];
        for (var i = 0; i < Elements; i++)
        {
            elapsed[0] += Timed(() => Receive(wire, assembling, codec));
            elapsed[1] += Timed(() => Receive(wire, placing, codec));
            elapsed[2] += Timed(() => wire.Slice(0, Size).CopyTo(GC.AllocateUninitializedArray<byte>(Size)));
            elapsed[3] += Timed(() => wire.Slice(0, Size).CopyTo(reused));
        }

        double Micros(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds / Elements;
        IReadOnlyDictionary<string, double> result = new Dictionary<string, double>
        {
            ["profile.large.receive.assembled.us"] = Micros(elapsed[0]),
            ["profile.large.receive.placed.us"] = Micros(elapsed[1]),
            ["profile.large.receive.copy.us"] = Micros(elapsed[2]),
            ["profile.large.receive.copy_reused.us"] = Micros(elapsed[3]),
        };
        return Task.FromResult(result);
    }

    /// <summary>Stopwatch ticks <paramref name="action"/> took.</summary>
    private static long Timed(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetTimestamp() - started;
    }

    /// <summary>Reads and decodes the element once.</summary>
    private static void Receive(ReadOnlySequence<byte> wire, FrameReader reader, DataChunkCodec codec)
    {
        var buffer = wire;
        if (!reader.TryReadFrame(ref buffer, out var frame) || codec.Decode(frame.Payload, placed: frame.Placed).Get<byte[]>(DataChunk.DefaultRecordName).Length != Size)
        {
            throw new InvalidOperationException("The element did not read back whole.");
        }
    }

    /// <summary>The bytes as a sequence of 64 KiB segments, as a receive pipe holds them.</summary>
    private static ReadOnlySequence<byte> Segments(byte[] bytes)
    {
        BufferSegment? first = null;
        BufferSegment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += SegmentSize)
        {
            var segment = new BufferSegment(bytes.AsMemory(offset, Math.Min(SegmentSize, bytes.Length - offset)), last);
            first ??= segment;
            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>One receive buffer of the sequence.</summary>
    private sealed class BufferSegment : ReadOnlySequenceSegment<byte>
    {
        public BufferSegment(ReadOnlyMemory<byte> memory, BufferSegment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
