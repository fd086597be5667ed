using System.Buffers;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void TryAppendExternal_ByDefault_CopiesInstead()
    {
        using var writer = new PooledBufferWriter();

        Assert.False(writer.TryAppendExternal(new byte[1 << 20]));
        Assert.False(writer.HasExternal);
        Assert.Equal(0, writer.WrittenCount);
    }

    [Fact]
    public void TryAppendExternal_AtThreshold_ReferencesTheBlockInOrder()
    {
        using var writer = new PooledBufferWriter { ExternalThreshold = 4 };
        var block = new byte[] { 10, 11, 12, 13 };

        writer.GetSpan(2)[..2].Fill(1);
        writer.Advance(2);
        Assert.False(writer.TryAppendExternal(new byte[] { 9, 9, 9 }));
        Assert.True(writer.TryAppendExternal(block));
        var slot = writer.Reserve(1);
        writer.Patch(slot, 1)[0] = 2;

        Assert.True(writer.HasExternal);
        Assert.Equal(7, writer.WrittenCount);
        Assert.Equal(new byte[] { 1, 1, 10, 11, 12, 13, 2 }, writer.WrittenSequence.ToArray());
        block[0] = 99;
        Assert.Equal(99, writer.WrittenSequence.Slice(2, 1).FirstSpan[0]);
    }

    [Fact]
    public void WrittenSpan_WithExternalBlocks_Throws()
    {
        using var writer = new PooledBufferWriter { ExternalThreshold = 1 };
        Assert.True(writer.TryAppendExternal(new byte[] { 1 }));

        var error = Assert.Throws<InvalidOperationException>(() => writer.WrittenMemory);

        Assert.Equal("The writer references external blocks; read it through WrittenSequence.", error.Message);
    }

    [Fact]
    public void Clear_DropsExternalBlocks()
    {
        using var writer = new PooledBufferWriter { ExternalThreshold = 1 };
        Assert.True(writer.TryAppendExternal(new byte[] { 1, 2 }));

        writer.Clear();

        Assert.False(writer.HasExternal);
        Assert.Equal(0, writer.WrittenCount);
        Assert.True(writer.WrittenSequence.IsEmpty);
    }

    [Fact]
    public void Encode_LargeByteArray_IsReferencedAndDecodesIntact()
    {
        var codec = DataChunkCodecTests.NewCodec(new WireSettings());
        var blob = new byte[300_000];
        new Random(7).NextBytes(blob);
        using var writer = new PooledBufferWriter { ExternalThreshold = 64 * 1024 };

        codec.Encode(new DataChunk().Add("blob", blob).Add("n", 5), writer);

        Assert.True(writer.HasExternal);
        var decoded = codec.Decode(writer.WrittenSequence);
        Assert.Equal(blob, decoded.Get<byte[]>("blob"));
        Assert.Equal(5, decoded.Get<int>("n"));
    }

    [Fact]
    public void Encode_LargeRawImage_ReferencesItsPixelsAndDecodesIntact()
    {
        var codec = DataChunkCodecTests.NewCodec(new WireSettings());
        using var image = new Chimera.Media.ImageFrame(320, 240, Chimera.Media.PixelFormat.Rgb24);
        new Random(8).NextBytes(image.Pixels);
        using var writer = new PooledBufferWriter { ExternalThreshold = 64 * 1024 };

        codec.Encode(new DataChunk().Add("img", image, ContentType.Image, new Dictionary<string, string> { ["codec"] = "raw" }), writer);

        Assert.True(writer.HasExternal);
        Assert.True(writer.WrittenCount - image.Length < 200, "the pixels were not copied into the writer");
        using var decoded = codec.Decode(writer.WrittenSequence).Get<Chimera.Media.ImageFrame>("img");
        Assert.Equal(image.Pixels.ToArray(), decoded.Pixels.ToArray());
    }
}
