using Chimera.Runtime;

namespace Chimera.TestKit.Internal;

/// <summary>The frames of a chunk held while a probe writes it to its edges; disposing gives them back.</summary>
internal readonly struct HeldFrames(DataChunk chunk, bool held) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        if (held)
        {
            FrameHolds.Release(chunk);
        }
    }
}
