using Chimera.Media;
using Chimera.Remote;

namespace Chimera.Runtime;

/// <summary>
/// Keeps the pooled buffers of a chunk's image frames out of the pool while an edge's reader still has the chunk to
/// use (a node stage until its step has run, a stream sender until the pixels are sent), a stage is still publishing
/// it to its other outputs, or a tap still has it to hand out. By then the producer or another branch of a fan-out may
/// have disposed the frame: without a hold, the buffer would go back to the pool and the next frame rented would
/// overwrite the pixels being read or sent.
/// </summary>
/// <remarks>Holding a chunk freezes it, so the records a release walks are the ones the hold walked (a chunk received
/// from another worker is not frozen by publishing). A hold that is never released (an edge torn down with elements
/// still queued, a send that failed) only keeps that buffer from going back to the pool: the collector reclaims it with
/// the frame. Releasing more than was held would hand out pixels still in use, so only the reader of a channel that
/// took the holds releases them.</remarks>
internal static class FrameHolds
{
    /// <summary>
    /// Holds every frame in <paramref name="chunk"/> for <paramref name="edge"/> and returns whether it has any; holds
    /// none and throws when one had already gone back to the pool.
    /// </summary>
    /// <exception cref="InvalidOperationException">A frame was disposed before it was published; the message names its record and the edge.</exception>
    public static bool Hold(DataChunk chunk, BlueprintEdge edge)
    {
        // Release walks the records again, so they must be the same then: a received chunk is not frozen by publishing.
        chunk.Freeze();
        if (!chunk.HasFrames)
        {
            return false;
        }

        var records = chunk.RecordSpan;
        var gone = HoldAll(records, out var held);
        return gone < 0
            ? held
            : throw new InvalidOperationException(edge.IsRemote
                ? RemoteMessages.FrameDisposedBeforeSent(records[gone].Name, edge.Id, edge.ToWorker)
                : FrameDisposedBeforeDelivered(records[gone].Name, edge));
    }

    /// <summary>Holds every frame in <paramref name="chunk"/>, for a reader that may skip a chunk instead; false, holding none, when one had already gone back to the pool.</summary>
    public static bool TryHold(DataChunk chunk)
    {
        chunk.Freeze();
        return !chunk.HasFrames || HoldAll(chunk.RecordSpan, out _) < 0;
    }

    /// <summary>Gives up the holds <see cref="Hold"/> or <see cref="TryHold"/> took on <paramref name="chunk"/>'s frames, once the holder is done with them.</summary>
    public static void Release(DataChunk chunk)
    {
        if (chunk.HasFrames)
        {
            ReleaseAll(chunk.RecordSpan);
        }
    }

    /// <summary>
    /// Holds the frames of <paramref name="records"/>; returns -1 when every one is held (<paramref name="held"/>: there
    /// was at least one), or the index of the first whose buffer had gone back to the pool, having given back the
    /// holds taken before it.
    /// </summary>
    private static int HoldAll(ReadOnlySpan<DataRecord> records, out bool held)
    {
        held = false;
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Value is ImageFrame frame)
            {
                if (!frame.TryHold())
                {
                    ReleaseAll(records[..i]);
                    return i;
                }

                held = true;
            }
        }

        return -1;
    }

    /// <summary>Gives up one hold on each frame of <paramref name="records"/>.</summary>
    private static void ReleaseAll(ReadOnlySpan<DataRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Value is ImageFrame frame)
            {
                frame.Release();
            }
        }
    }

    /// <summary>The error for a frame disposed before an edge inside one worker took it.</summary>
    private static string FrameDisposedBeforeDelivered(string record, BlueprintEdge edge) =>
        $"Record '{record}' holds an ImageFrame that was disposed before edge '{edge.Id}' could deliver it to node '{edge.To}'. " +
        "A node must not dispose a frame it emits or returns (disposing at the end of the step, or with 'using', runs before the runtime publishes it); " +
        "dispose frames where they are consumed, and Retain() or Clone() a frame to keep it beyond the step that received it.";
}
