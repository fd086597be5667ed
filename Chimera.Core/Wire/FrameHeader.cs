using System.Buffers.Binary;

namespace Chimera.Wire;

/// <summary>
/// The fixed 16-byte header in front of every frame: magic, version, type, flags, payload length, sequence.
/// A fixed size keeps parsing branch-free and lets a reader reject garbage after looking at the first byte.
/// </summary>
/// <param name="Type">What the frame carries.</param>
/// <param name="Flags">Continuation and future flags.</param>
/// <param name="PayloadLength">The number of payload bytes after the header.</param>
/// <param name="Sequence">The element sequence number (data frames) or 0.</param>
internal readonly record struct FrameHeader(FrameType Type, FrameFlags Flags, uint PayloadLength, long Sequence)
{
    /// <summary>The header size in bytes.</summary>
    public const int Size = 16;

    /// <summary>The first byte of every frame. Not printable ASCII, so an HTTP client or a stray text protocol hitting a data port fails on its first byte.</summary>
    public const byte Magic = 0xC7;

    /// <summary>The version this build writes.</summary>
    public const WireProtocolVersion CurrentVersion = WireProtocolVersion.V1;

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Magic;
        destination[1] = (byte)CurrentVersion;
        destination[2] = (byte)Type;
        destination[3] = (byte)Flags;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], PayloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], Sequence);
    }

    /// <summary>Reads a header from exactly <see cref="Size"/> bytes without validating it.</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> source) => new(
        (FrameType)source[2],
        (FrameFlags)source[3],
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]));
}
