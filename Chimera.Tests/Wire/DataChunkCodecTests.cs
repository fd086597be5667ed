using System.Buffers;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class DataChunkCodecTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 10, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void Timestamps_SurviveTheWire()
    {
        var recordTime = new DateTimeOffset(2026, 11, 21, 8, 0, 0, 123, TimeSpan.Zero);
        var chunk = new DataChunk(Created)
            .Add(new DataRecord("a", 1, ContentType.Other, recordTime));
        var before = DateTimeOffset.UtcNow;

        var decoded = WireTestKit.RoundTrip(chunk);

        Assert.Equal(Created, decoded.Created);
        Assert.Equal(TimeSpan.Zero, decoded.Created.Offset);
        Assert.NotNull(decoded.Transmitted);
        Assert.InRange(decoded.Transmitted!.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(WireTestKit.Received, decoded.Received);
        Assert.Equal(recordTime, decoded.GetRecord("a").Created);
        Assert.Null(chunk.Transmitted);
    }

    [Fact]
    public void Decode_WithoutReceivedTime_KeepsTheWireValues()
    {
        var transmitted = Created.AddSeconds(1);
        var received = Created.AddSeconds(2);
        var chunk = new DataChunk(Created) { Transmitted = transmitted, Received = received };
        var codec = NewCodec();
        using var output = new PooledBufferWriter();

        codec.Encode(chunk, output);
        var decoded = codec.Decode(new ReadOnlySequence<byte>(output.WrittenMemory));

        Assert.Equal(transmitted, decoded.Transmitted);
        Assert.Equal(received, decoded.Received);
    }

    [Fact]
    public void NamesContentTypesAndOptions_RoundTrip()
    {
        var options = new Dictionary<string, string> { ["quality"] = "75", ["codec"] = "png", ["empty"] = "" };
        var chunk = new DataChunk(Created)
            .Add("frame 📷", new byte[] { 1, 2, 3 }, new ContentType("depth"), options)
            .Add("plain", "x");

        var decoded = WireTestKit.RoundTrip(chunk);

        Assert.Equal(2, decoded.Count);
        var frame = decoded.GetRecord("frame 📷");
        Assert.Equal(new ContentType("depth"), frame.ContentType);
        Assert.Equal(options, frame.Options);
        Assert.Null(decoded.GetRecord("plain").Options);
    }

    [Fact]
    public void EmptyChunk_RoundTrips()
    {
        var decoded = WireTestKit.RoundTrip(new DataChunk(Created));

        Assert.Equal(0, decoded.Count);
        Assert.Equal(Created, decoded.Created);
    }

    [Fact]
    public void LargeByteArray_CrossesTheChunkingPath_WithTinyFrames()
    {
        var settings = new WireSettings { MaxFrameSize = 4096 };
        var payload = new byte[6 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        var bytes = WireTestKit.WriteData(new DataChunk(Created).Add("blob", payload), settings);
        var buffer = WireTestKit.Segmented(bytes, 100_000);
        using var reader = new FrameReader(settings);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        var decoded = new DataChunkCodec(settings, new ValueCodecRegistry(settings)).Decode(frame.Payload);

        Assert.True(bytes.Length > payload.Length + (payload.Length / 4096 * FrameHeader.Size));
        Assert.Equal(payload, decoded.Get<byte[]>("blob"));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void ChunkedFrame_ArrivingByteByByte_IsReassembled()
    {
        var settings = new WireSettings { MaxFrameSize = 64 };
        var text = string.Concat(Enumerable.Repeat("chunked ✓ ", 100));
        var bytes = WireTestKit.WriteData(new DataChunk(Created).Add("t", text), settings);
        using var reader = new FrameReader(settings);
        var codec = NewCodec(settings);
        DataChunk? decoded = null;
        var pending = Array.Empty<byte>();

        foreach (var b in bytes)
        {
            pending = [.. pending, b];
            var buffer = new ReadOnlySequence<byte>(pending);
            if (reader.TryReadFrame(ref buffer, out var frame))
            {
                decoded = codec.Decode(frame.Payload);
            }

            pending = buffer.ToArray();
        }

        Assert.NotNull(decoded);
        Assert.Equal(text, decoded!.Get<string>("t"));
        Assert.Empty(pending);
        Assert.False(reader.IsAssembling);
    }

    [Fact]
    public void Batch_RoundTrips_InOrder()
    {
        var settings = new WireSettings { MaxFrameSize = 128 };
        var codec = NewCodec(settings);
        using var writer = new FrameWriter(codec);
        var output = new ArrayBufferWriter<byte>();
        var chunks = Enumerable.Range(0, 20).Select(i => new DataChunk(Created).Add("i", i)).ToList();

        writer.WriteDataBatch(output, 100, chunks);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        using var reader = new FrameReader(settings);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        var decoded = new List<DataChunk>();
        codec.DecodeBatch(frame.Payload, decoded);

        Assert.Equal(FrameType.DataBatch, frame.Type);
        Assert.Equal(100, frame.Sequence);
        Assert.Equal(Enumerable.Range(0, 20), decoded.Select(c => c.Get<int>("i")));
    }

    [Fact]
    public void DecodeBatch_OneSegmentOrSplitAnywhere_DecodesTheSameValues()
    {
        // A payload in one segment is read through spans (no sequence per element or value); split, through sequences.
        var codec = NewCodec(new WireSettings());
        var chunks = new List<DataChunk>
        {
            new DataChunk(Created).Add("int", 42).Add("double", 2.5).Add("text", "héllo"),
            new DataChunk(Created).Add("bytes", new byte[] { 1, 2, 3, 4, 5 }).Add("floats", new[] { 1.5f, -2f }),
            new DataChunk(Created).Add("guid", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")).Add("when", new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.FromHours(2))),
            new DataChunk(Created).Add("money", 12.34m).Add("flag", true).Add("nothing", null).Add("empty", string.Empty),
        };
        using var output = new PooledBufferWriter();
        codec.EncodeBatch(chunks, output);
        var bytes = output.WrittenSpan.ToArray();

        var whole = new List<DataChunk>();
        codec.DecodeBatch(new ReadOnlySequence<byte>(bytes), whole);
        var expected = chunks.Select(Values).ToList();
        Assert.Equal(expected, whole.Select(Values).ToList());
        for (var segment = 1; segment <= 17; segment++)
        {
            var split = new List<DataChunk>();
            codec.DecodeBatch(WireTestKit.Segmented(bytes, segment), split);
            Assert.Equal(expected, split.Select(Values).ToList());
        }

        static string Values(DataChunk chunk) => string.Join("; ", chunk.Records.Values.Select(r => r.Name + "=" + r.Value switch
        {
            null => "null",
            Array array => string.Join(",", array.Cast<object>()),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    [Fact]
    public void DecodeBatch_AScalarOfTheWrongLength_IsRejectedWholeOrSplit()
    {
        var codec = NewCodec(new WireSettings());
        using var output = new PooledBufferWriter();
        codec.EncodeBatch([new DataChunk(Created).Add("n", 7)], output);
        var bytes = output.WrittenSpan.ToArray();

        // The int's 4 bytes are the payload's last; declare 3 of them and drop the last byte, keeping every length consistent.
        var payloadLength = bytes.Length - 4 - sizeof(int);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(payloadLength), 3);
        var elementLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(sizeof(int)));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sizeof(int)), elementLength - 1);
        var shortened = bytes[..^1];

        var whole = Assert.Throws<WireFormatException>(() => codec.DecodeBatch(new ReadOnlySequence<byte>(shortened), new List<DataChunk>()));
        var split = Assert.Throws<WireFormatException>(() => codec.DecodeBatch(WireTestKit.Segmented(shortened, 5), new List<DataChunk>()));
        Assert.Contains("'n'", whole.Message);
        Assert.Contains("int", whole.Message);
        Assert.Equal(whole.Message, split.Message);
    }

    [Fact]
    public void Encode_RecordNameOverCap_QuotesValueAndCap()
    {
        var chunk = new DataChunk().Add(new string('n', 70000), 1);

        var error = Assert.Throws<WireFormatException>(() => WireTestKit.WriteData(chunk));

        Assert.Equal("The record name of 70000 bytes exceeds the limit of 1024 bytes (chimera.wire.max-name-length).", error.Message);
    }

    [Fact]
    public void Decode_RecordNameOverCap_QuotesValueAndCap()
    {
        var bytes = EncodeRaw(new DataChunk(Created).Add(new string('n', 2000), 1), new WireSettings { MaxNameLength = 4096 });

        var error = Assert.Throws<WireFormatException>(() => NewCodec().Decode(new ReadOnlySequence<byte>(bytes)));

        Assert.Equal("The record name of 2000 bytes exceeds the limit of 1024 bytes (chimera.wire.max-name-length).", error.Message);
    }

    [Fact]
    public void Decode_TooManyRecords_QuotesCountAndCap()
    {
        var chunk = new DataChunk(Created);
        for (var i = 0; i < 5; i++)
        {
            chunk.Add($"r{i}", i);
        }

        var bytes = EncodeRaw(chunk, new WireSettings());

        var error = Assert.Throws<WireFormatException>(
            () => NewCodec(new WireSettings { MaxRecordsPerChunk = 4 }).Decode(new ReadOnlySequence<byte>(bytes)));

        Assert.Equal("5 records exceed the limit of 4 (chimera.wire.max-records-per-chunk).", error.Message);
    }

    [Fact]
    public void Encode_TooManyOptions_QuotesCountAndCap()
    {
        var options = Enumerable.Range(0, 3).ToDictionary(i => $"k{i}", i => "v");
        var chunk = new DataChunk().Add("r", 1, null, options);

        var error = Assert.Throws<WireFormatException>(() => EncodeRaw(chunk, new WireSettings { MaxOptionsPerRecord = 2 }));

        Assert.Equal("3 options exceed the limit of 2 (chimera.wire.max-options-per-record).", error.Message);
    }

    [Fact]
    public void Encode_OptionValueOverCap_QuotesValueAndCap()
    {
        var chunk = new DataChunk().Add("r", 1, null, new Dictionary<string, string> { ["k"] = new string('v', 5000) });

        var error = Assert.Throws<WireFormatException>(() => EncodeRaw(chunk, new WireSettings()));

        Assert.Equal("The option value of 5000 bytes exceeds the limit of 4096 bytes (chimera.wire.max-option-value-length).", error.Message);
    }

    [Fact]
    public void Decode_TooManyColumns_QuotesCountAndCap()
    {
        var row = Enumerable.Range(0, 10).ToDictionary(i => $"c{i}", i => (object?)i);
        var bytes = EncodeRaw(new DataChunk(Created).Add("row", row), new WireSettings());

        var error = Assert.Throws<WireFormatException>(
            () => NewCodec(new WireSettings { MaxColumnsPerRow = 9 }).Decode(new ReadOnlySequence<byte>(bytes)));

        Assert.Equal("Record 'row' is malformed: 10 tabular columns exceed the limit of 9 (chimera.wire.max-columns-per-row).", error.Message);
    }

    [Fact]
    public void WriteData_ElementOverMaxElementSize_IsRefusedBeforeWriting()
    {
        var settings = new WireSettings { MaxElementSize = 2048 };
        var codec = NewCodec(settings);
        using var writer = new FrameWriter(codec);
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<WireFormatException>(() => writer.WriteData(output, 1, new DataChunk().Add("b", new byte[4096])));

        Assert.Equal("Element of 4096 bytes exceeds the maximum element size of 2048 bytes (chimera.wire.max-element-size).", error.Message);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Decode_UnknownCodecTag_NamesTheRecordAndTag()
    {
        var bytes = EncodeRaw(new DataChunk(Created).Add("flag", true), new WireSettings());
        var tagIndex = bytes.Length - 1 - 4 - 1; // payload (1 byte), length (4), tag.
        Assert.Equal(1, bytes[tagIndex]);
        bytes[tagIndex] = 200;

        var error = Assert.Throws<WireFormatException>(() => NewCodec().Decode(new ReadOnlySequence<byte>(bytes)));

        Assert.StartsWith("Record 'flag' uses codec tag 200, which is not registered here.", error.Message);
    }

    [Fact]
    public void Decode_InvalidBool_NamesTheRecord()
    {
        var bytes = EncodeRaw(new DataChunk(Created).Add("flag", true), new WireSettings());
        bytes[^1] = 2;

        var error = Assert.Throws<WireFormatException>(() => NewCodec().Decode(new ReadOnlySequence<byte>(bytes)));

        Assert.Equal("Record 'flag' is malformed: Invalid bool value: byte 2 is neither 0 nor 1.", error.Message);
    }

    [Fact]
    public void Decode_TruncatedChunk_SaysSo()
    {
        var bytes = EncodeRaw(new DataChunk(Created).Add("name", "value"), new WireSettings());

        var error = Assert.Throws<WireFormatException>(() => NewCodec().Decode(new ReadOnlySequence<byte>(bytes, 0, 12)));

        Assert.Equal("The chunk ends in the middle of its records: the payload is truncated or a length in it is wrong.", error.Message);
    }

    [Fact]
    public void Decode_CodecThatThrows_IsWrappedAsWireFormatException()
    {
        var settings = new WireSettings();
        var registry = new ValueCodecRegistry(settings);
        registry.Register(new ThrowingCodec());
        var codec = new DataChunkCodec(settings, registry);
        using var output = new PooledBufferWriter();
        codec.Encode(new DataChunk(Created).Add("x", new Marker()), output);

        var error = Assert.Throws<WireFormatException>(() => codec.Decode(new ReadOnlySequence<byte>(output.WrittenMemory)));

        Assert.Equal("Codec 200 could not decode record 'x': InvalidOperationException: boom", error.Message);
    }

    [Fact]
    public void Encode_CodecThatThrows_NamesTheRecord()
    {
        var error = Assert.Throws<WireFormatException>(() => EncodeRaw(new DataChunk().Add("cyclic", new Cyclic()), new WireSettings()));

        Assert.StartsWith("Record 'cyclic' (Cyclic) could not be encoded: JsonException:", error.Message);
    }

    internal static DataChunkCodec NewCodec(WireSettings? settings = null)
    {
        settings ??= new WireSettings();
        return new DataChunkCodec(settings, new ValueCodecRegistry(settings));
    }

    private static byte[] EncodeRaw(DataChunk chunk, WireSettings settings)
    {
        using var output = new PooledBufferWriter();
        NewCodec(settings).Encode(chunk, output);
        return output.WrittenSpan.ToArray();
    }

    private sealed class Marker;

    private sealed class Cyclic
    {
        public Cyclic Self => this;
    }

    private sealed class ThrowingCodec : IValueCodec
    {
        public byte Tag => 200;

        public bool CanEncode(DataRecord record) => record.Value is Marker;

        public void Encode(DataRecord record, IBufferWriter<byte> output)
        {
        }

        public object? Decode(ReadOnlySequence<byte> payload, DataRecord record) => throw new InvalidOperationException("boom");
    }
}
