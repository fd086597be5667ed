using System.Text;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class NameCacheTests
{
    [Fact]
    public void Get_TheSameNameTwice_ReturnsOneSharedString()
    {
        var cache = new NameCache();
        var name = "camera-" + Guid.NewGuid().ToString("N");

        var first = cache.Get(Encoding.UTF8.GetBytes(name));
        var second = cache.Get(Encoding.UTF8.GetBytes(name));

        Assert.Equal(name, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_MoreNamesThanTheRecentSlots_InTurn_EachComesBackExactlyAndShared()
    {
        var cache = new NameCache();
        var names = Enumerable.Range(0, 20).Select(i => $"column-{i}").ToArray();
        var first = names.Select(n => cache.Get(Encoding.UTF8.GetBytes(n))).ToArray();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var again = cache.Get(Encoding.UTF8.GetBytes(names[i]));
                Assert.Equal(names[i], again);
                Assert.Same(first[i], again);
            }
        }

        // Prefixes of a recent name are different names.
        Assert.Equal("column-1", cache.Get("column-1"u8));
        Assert.Equal("column-", cache.Get("column-"u8));
    }

    [Fact]
    public void Get_NonAsciiAndOverlongNames_DecodeExactly()
    {
        var cache = new NameCache();
        const string accented = "température-µs";
        var overlong = new string('x', NameCache.MaxLength + 1);

        Assert.Equal(accented, cache.Get(Encoding.UTF8.GetBytes(accented)));
        Assert.Equal(overlong, cache.Get(Encoding.UTF8.GetBytes(overlong)));
    }

    [Fact]
    public void Get_WhenFloodedWithNewNames_StartsOverAndSharesAgain()
    {
        var cache = new NameCache();
        for (var i = 0; i < NameCache.MaxEntries + 10; i++)
        {
            Assert.Equal($"flood-{i}", cache.Get(Encoding.UTF8.GetBytes($"flood-{i}")));
        }

        var first = cache.Get("value"u8);
        Assert.Same(first, cache.Get("value"u8));
    }

    [Fact]
    public void Decode_ChunksOfOneStream_ShareTheirRecordNames()
    {
        var codec = new DataChunkCodec(new WireSettings(), ValueCodecRegistry.Default);
        using var output = new PooledBufferWriter();
        codec.Encode(new DataChunk().Add("frame-index", 1L), output);
        var payload = new System.Buffers.ReadOnlySequence<byte>(output.WrittenMemory.ToArray());

        var a = codec.Decode(payload);
        var b = codec.Decode(payload);

        Assert.Same(a.Records.Keys.Single(), b.Records.Keys.Single());
        Assert.Equal(1L, b.Get<long>("frame-index"));
    }
}
