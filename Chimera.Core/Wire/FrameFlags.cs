namespace Chimera.Wire;

/// <summary>Bits in a frame header's flags byte. Unknown bits are refused so that a future flag cannot be silently ignored.</summary>
[Flags]
internal enum FrameFlags : byte
{
    /// <summary>No flag set: the frame is a complete message.</summary>
    None = 0,

    /// <summary>The payload continues in the following <see cref="FrameType.Continuation"/> frame (chunked, not refused).</summary>
    More = 1,
}
