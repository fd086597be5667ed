namespace Chimera.Media;

/// <summary>
/// A claim on an <see cref="ImageFrame"/>'s pixels that keeps its buffer out of the pool until disposed, for a node
/// that keeps a frame beyond the step that received it (a preview showing the latest frame at its own pace, a node
/// that compares each frame with the one before) without copying it: after the step, another consumer may dispose the
/// frame, and the buffer would otherwise go back to the pool and be overwritten.
/// </summary>
/// <remarks>Obtained from <see cref="ImageFrame.Retain"/>. Treat the frame as read-only while leased, as any published
/// frame. Disposing is idempotent and may happen on any thread; a lease never disposed only keeps the buffer from
/// going back to the pool (the collector reclaims it with the frame).</remarks>
public sealed class ImageFrameLease : IDisposable
{
    /// <summary>1 once the claim was given up, so a second dispose gives up nothing.</summary>
    private int _released;

    /// <summary>Creates a lease over a claim already taken on <paramref name="frame"/>.</summary>
    internal ImageFrameLease(ImageFrame frame) => Frame = frame;

    /// <summary>The leased frame; its pixels stay readable until this lease is disposed.</summary>
    public ImageFrame Frame { get; }

    /// <summary>Gives up the claim; the buffer goes back to the pool once no other claim is left.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Frame.Release();
        }
    }
}
