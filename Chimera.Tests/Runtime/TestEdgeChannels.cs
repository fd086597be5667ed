using Chimera.Runtime;

namespace Chimera.Tests.Runtime;

/// <summary>Edge buffers and elements for the <see cref="EdgeChannel"/> tests.</summary>
internal static class TestEdgeChannels
{
    /// <summary>A local edge "a -> b" of <paramref name="capacity"/> elements under <paramref name="policy"/>.</summary>
    public static EdgeChannel Channel(int capacity, OverflowPolicy policy = OverflowPolicy.Backpressure) =>
        new(new BlueprintEdge("a -> b", "a", "b", capacity, policy, Follow: false, "w", "w", IsRemote: false));

    /// <summary>The same, also bounded to <paramref name="capacityBytes"/> bytes of element values.</summary>
    public static EdgeChannel Channel(int capacity, long capacityBytes, OverflowPolicy policy = OverflowPolicy.Backpressure) =>
        new(new BlueprintEdge("a -> b", "a", "b", capacity, policy, Follow: false, "w", "w", IsRemote: false, capacityBytes));

    /// <summary>An element whose value is a zeroed array of <paramref name="bytes"/> bytes.</summary>
    public static DataChunk Blob(int bytes) => DataChunk.Of(new byte[bytes]);

    /// <summary>An element whose value is <paramref name="value"/>.</summary>
    public static DataChunk Chunk(int value) => DataChunk.Of(value);
}
