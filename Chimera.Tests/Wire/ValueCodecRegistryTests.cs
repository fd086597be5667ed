using System.Buffers;
using Chimera.Wire;
using Chimera.Wire.Codecs;

namespace Chimera.Tests.Wire;

public sealed class ValueCodecRegistryTests
{
    [Fact]
    public void Register_DuplicateTag_NamesBothCodecs()
    {
        var registry = new ValueCodecRegistry();

        var error = Assert.Throws<ArgumentException>(() => registry.Register(new PointCodec(WireTags.String)));

        Assert.Equal("codec", error.ParamName);
        Assert.StartsWith(
            $"Codec tag 14 is already taken by {typeof(ScalarCodec).FullName}; {typeof(PointCodec).FullName} needs another tag. Tags 0-127 are reserved for Chimera; pick one from 128 to 255.",
            error.Message);
    }

    [Fact]
    public void Register_SameTagTwice_Fails()
    {
        var registry = new ValueCodecRegistry();
        registry.Register(new PointCodec(150));

        Assert.Throws<ArgumentException>(() => registry.Register(new PointCodec(150)));
    }

    [Fact]
    public void ImageTag_IsTheBuiltInImageCodec_AudioTagStaysFree()
    {
        Assert.True(ValueCodecRegistry.Default.TryGetCodec(WireTags.Image, out var image));
        Assert.IsType<Chimera.Media.ImageValueCodec>(image);
        Assert.False(ValueCodecRegistry.Default.TryGetCodec(WireTags.Audio, out _));
    }

    [Fact]
    public void Lookup_ByTagAndByRecord()
    {
        var registry = new ValueCodecRegistry();
        var codec = new PointCodec(150);
        registry.Register(codec);

        Assert.True(registry.TryGetCodec(150, out var found));
        Assert.Same(codec, found);
        Assert.Same(codec, registry.GetCodec(new DataRecord("p", new Point(1, 2), ContentType.Other, default)));
        Assert.Equal(WireTags.Int32, registry.GetCodec(new DataRecord("i", 5, ContentType.Other, default)).Tag);
        Assert.Equal(WireTags.Null, registry.GetCodec(new DataRecord("n", null, ContentType.Other, default)).Tag);
        Assert.Equal(WireTags.Json, registry.GetCodec(new DataRecord("o", new Uri("http://x"), ContentType.Other, default)).Tag);
        Assert.Equal(WireTags.Tabular, registry.GetCodec(new DataRecord("t", new Dictionary<string, object?>(), ContentType.Tabular, default)).Tag);
        Assert.False(registry.TryGetCodec(151, out _));
    }

    [Fact]
    public void UserCodec_RoundTripsThroughAChunk()
    {
        var settings = new WireSettings();
        var registry = new ValueCodecRegistry(settings);
        registry.Register(new PointCodec(150));
        var codec = new DataChunkCodec(settings, registry);
        using var output = new PooledBufferWriter();

        codec.Encode(new DataChunk().Add("p", new Point(3, -4)), output);
        var decoded = codec.Decode(new ReadOnlySequence<byte>(output.WrittenMemory));

        Assert.Equal(new Point(3, -4), decoded.Get<Point>("p"));
    }

    private readonly record struct Point(int X, int Y);

    private sealed class PointCodec(byte tag) : IValueCodec
    {
        public byte Tag => tag;

        public bool CanEncode(DataRecord record) => record.Value is Point;

        public void Encode(DataRecord record, IBufferWriter<byte> output)
        {
            var point = (Point)record.Value!;
            var span = output.GetSpan(8);
            BitConverter.TryWriteBytes(span, point.X);
            BitConverter.TryWriteBytes(span[4..], point.Y);
            output.Advance(8);
        }

        public object? Decode(ReadOnlySequence<byte> payload, DataRecord record)
        {
            if (payload.Length != 8)
            {
                throw new WireFormatException("A point is 8 bytes.");
            }

            var bytes = payload.ToArray();
            return new Point(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4));
        }
    }
}
