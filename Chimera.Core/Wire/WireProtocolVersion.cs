namespace Chimera.Wire;

/// <summary>
/// The version byte written in every frame header. A reader refuses versions it does not know, so two workers built
/// from incompatible Chimera releases fail their handshake with a clear message instead of misreading each other.
/// </summary>
/// <remarks>Add a member for every change to the frame or chunk layout and say what changed, so peers and logs can
/// tell which side is out of date.</remarks>
internal enum WireProtocolVersion : byte
{
    /// <summary>
    /// The first layout: a 16-byte header (magic 0xC7, version, frame type, flags, little-endian uint32 payload
    /// length, little-endian int64 sequence), payloads larger than the maximum frame size split into a start frame
    /// plus continuation frames, and chunks encoded as UTC-tick timestamps followed by tagged, length-prefixed records.
    /// </summary>
    V1 = 1,
}
