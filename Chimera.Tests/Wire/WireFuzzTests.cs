using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Chimera.Wire;
using Xunit.Abstractions;

namespace Chimera.Tests.Wire;

public sealed class WireFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 100_000;

    private static readonly uint[] AdversarialLengths = [0, 1, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 257, 1025];

    [Fact]
    public void MutatedAndRandomFrames_OnlyEverThrowWireFormatException()
    {
        var settings = new WireSettings { MaxFrameSize = 256, MaxElementSize = 64 * 1024, MaxRecordsPerChunk = 64 };
        var codec = DataChunkCodecTests.NewCodec(settings);
        var corpus = BuildCorpus(codec);
        var random = new Random(20261121);
        var stopwatch = Stopwatch.StartNew();
        var outcomes = new int[3]; // 0 = all read, 1 = WireFormatException, 2 = needs more bytes.

        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            try
            {
                outcomes[ReadAll(input, random.Next(4) == 0 ? random.Next(1, 64) : 0, settings, codec)]++;
            }
            catch (WireFormatException)
            {
                outcomes[1]++;
            }
            catch (Exception error)
            {
                Assert.Fail($"Iteration {i}: {error.GetType().Name} escaped for input {Convert.ToHexString(input)}:\n{error}");
            }
        }

        output.WriteLine($"{Iterations} inputs in {stopwatch.Elapsed}: {outcomes[0]} read fully, {outcomes[1]} rejected, {outcomes[2]} awaiting more bytes.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"Fuzzing took {stopwatch.Elapsed}.");
        Assert.True(outcomes[1] > Iterations / 4, $"Only {outcomes[1]} inputs were rejected; the mutations are too gentle.");
        Assert.True(outcomes[0] > 100, $"Only {outcomes[0]} inputs decoded; the corpus is broken.");
    }

    [Fact]
    public void MutatedChunkPayloads_OnlyEverThrowWireFormatException()
    {
        var settings = new WireSettings { MaxElementSize = 64 * 1024 };
        var codec = DataChunkCodecTests.NewCodec(settings);
        var random = new Random(7);
        var payloads = new List<byte[]>();
        foreach (var chunk in SampleChunks())
        {
            using var buffer = new PooledBufferWriter();
            codec.Encode(chunk, buffer, DateTimeOffset.UnixEpoch);
            payloads.Add(buffer.WrittenSpan.ToArray());
        }

        var rejected = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var input = Mutate(payloads[random.Next(payloads.Count)], random);
            try
            {
                codec.Decode(new ReadOnlySequence<byte>(input));
            }
            catch (WireFormatException)
            {
                rejected++;
            }
            catch (Exception error)
            {
                Assert.Fail($"Iteration {i}: {error.GetType().Name} escaped for payload {Convert.ToHexString(input)}:\n{error}");
            }
        }

        output.WriteLine($"50000 payloads: {rejected} rejected.");
    }

    /// <summary>Reads every frame and decodes its payload; returns 0 when all bytes were consumed, 2 when more were needed.</summary>
    private static int ReadAll(byte[] input, int segmentSize, WireSettings settings, DataChunkCodec codec)
    {
        using var reader = new FrameReader(settings);
        var buffer = segmentSize > 0 ? WireTestKit.Segmented(input, segmentSize) : new ReadOnlySequence<byte>(input);
        var batch = new List<DataChunk>();
        while (reader.TryReadFrame(ref buffer, out var frame))
        {
            switch (frame.Type)
            {
                case FrameType.Data:
                    codec.Decode(frame.Payload, DateTimeOffset.UnixEpoch);
                    break;
                case FrameType.DataBatch:
                    batch.Clear();
                    codec.DecodeBatch(frame.Payload, batch);
                    break;
                case FrameType.Demand or FrameType.Ping or FrameType.Pong:
                    FrameReader.ReadInt64(frame);
                    break;
                case FrameType.Fail or FrameType.Cancel:
                    reader.ReadReason(frame);
                    break;
            }
        }

        return buffer.IsEmpty ? 0 : 2;
    }

    private static List<byte[]> BuildCorpus(DataChunkCodec codec)
    {
        var corpus = new List<byte[]>();
        using var writer = new FrameWriter(codec);
        var chunks = SampleChunks();
        for (var i = 0; i < chunks.Count; i++)
        {
            var output = new ArrayBufferWriter<byte>();
            writer.WriteData(output, i, chunks[i]);
            corpus.Add(output.WrittenSpan.ToArray());
        }

        var stream = new ArrayBufferWriter<byte>();
        writer.WriteHandshake(stream, "edge camera.out -> gray.in"u8);
        writer.WriteDemand(stream, 16);
        writer.WriteDataBatch(stream, 0, chunks.Take(4).ToList());
        writer.WritePing(stream, 1);
        writer.WritePong(stream, 1);
        writer.WriteData(stream, 4, chunks[^1]);
        writer.WriteFail(stream, 4, "upstream failed");
        writer.WriteCancel(stream, "downstream cancelled");
        writer.WriteComplete(stream, 4);
        corpus.Add(stream.WrittenSpan.ToArray());
        return corpus;
    }

    private static List<DataChunk> SampleChunks()
    {
        var created = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        return
        [
            new DataChunk(created).Add("i", 42).Add("s", "héllo").Add("n", null),
            new DataChunk(created).Add("row", new Dictionary<string, object?> { ["a"] = 1.5, ["b"] = "x", ["c"] = true, ["d"] = 3m }),
            new DataChunk(created).Add("d", new[] { 1.0, double.NaN, -0.0 }).Add("b", new[] { true, false }).Add("u", new ulong[] { 1, 2 }),
            new DataChunk(created).Add("json", new ValueCodecRoundTripTests.Reading("imu", 1, [1, 2])).Add("list", new List<int> { 1, 2 }),
            new DataChunk(created).Add("img", new byte[700], ContentType.Image, new Dictionary<string, string> { ["quality"] = "75" }),
            new DataChunk(created).Add("t", DateTime.UtcNow).Add("o", DateTimeOffset.Now).Add("g", Guid.NewGuid()).Add("ts", TimeSpan.FromSeconds(1)).Add("c", 'x'),
            new DataChunk(created) { Transmitted = created, Received = created },
        ];
    }

    /// <summary>Applies one to three mutations, or returns pure random bytes.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        if (random.Next(10) == 0)
        {
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            if (noise.Length > 0 && random.Next(2) == 0)
            {
                noise[0] = FrameHeader.Magic;
                if (noise.Length > 2)
                {
                    noise[1] = 1;
                    noise[2] = (byte)random.Next(1, 11);
                }
            }

            return noise;
        }

        var bytes = new List<byte>(original);
        Span<byte> length = stackalloc byte[4];
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: // flip a bit
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // replace a byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2: // insert bytes
                    var inserted = new byte[random.Next(1, 9)];
                    random.NextBytes(inserted);
                    bytes.InsertRange(at, inserted);
                    break;
                case 3: // delete a range
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 9), bytes.Count - at));
                    break;
                case 4: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5: // adversarial length anywhere (often a length prefix)
                    if (bytes.Count - at >= 4)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(length, AdversarialLengths[random.Next(AdversarialLengths.Length)]);
                        for (var k = 0; k < 4; k++)
                        {
                            bytes[at + k] = length[k];
                        }
                    }

                    break;
                default: // adversarial frame length in the first header
                    if (bytes.Count >= 8)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(length, AdversarialLengths[random.Next(AdversarialLengths.Length)]);
                        for (var k = 0; k < 4; k++)
                        {
                            bytes[4 + k] = length[k];
                        }
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
