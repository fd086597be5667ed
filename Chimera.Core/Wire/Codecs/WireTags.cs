namespace Chimera.Wire.Codecs;

/// <summary>
/// The codec tags Chimera itself uses (0-127). The numbers are part of the wire format: never renumber, only add.
/// Tags 128-255 are free for users' codecs.
/// </summary>
internal static class WireTags
{
    /// <summary>A <see langword="null"/> value (no payload).</summary>
    public const byte Null = 0;

    /// <summary><see cref="bool"/>, one byte 0 or 1.</summary>
    public const byte Boolean = 1;

    /// <summary><see cref="byte"/>.</summary>
    public const byte Byte = 2;

    /// <summary><see cref="sbyte"/>.</summary>
    public const byte SByte = 3;

    /// <summary><see cref="short"/>, little-endian.</summary>
    public const byte Int16 = 4;

    /// <summary><see cref="ushort"/>, little-endian.</summary>
    public const byte UInt16 = 5;

    /// <summary><see cref="int"/>, little-endian.</summary>
    public const byte Int32 = 6;

    /// <summary><see cref="uint"/>, little-endian.</summary>
    public const byte UInt32 = 7;

    /// <summary><see cref="long"/>, little-endian.</summary>
    public const byte Int64 = 8;

    /// <summary><see cref="ulong"/>, little-endian.</summary>
    public const byte UInt64 = 9;

    /// <summary><see cref="float"/>, IEEE 754 little-endian (NaN payloads and infinities preserved).</summary>
    public const byte Single = 10;

    /// <summary><see cref="double"/>, IEEE 754 little-endian (NaN payloads and infinities preserved).</summary>
    public const byte Double = 11;

    /// <summary><see cref="decimal"/>, its four 32-bit parts little-endian.</summary>
    public const byte Decimal = 12;

    /// <summary><see cref="char"/>, a UTF-16 code unit little-endian.</summary>
    public const byte Char = 13;

    /// <summary><see cref="string"/>, UTF-8 (a lone surrogate arrives as U+FFFD).</summary>
    public const byte String = 14;

    /// <summary><see cref="DateTime"/>: ticks then kind.</summary>
    public const byte DateTime = 15;

    /// <summary><see cref="DateTimeOffset"/>: local ticks then offset in minutes.</summary>
    public const byte DateTimeOffset = 16;

    /// <summary><see cref="TimeSpan"/>: ticks.</summary>
    public const byte TimeSpan = 17;

    /// <summary><see cref="Guid"/>: its 16 bytes.</summary>
    public const byte Guid = 18;

    /// <summary><c>byte[]</c>, <see cref="ReadOnlyMemory{T}"/> or <see cref="Memory{T}"/> of bytes; decoded as <c>byte[]</c>.</summary>
    public const byte ByteArray = 20;

    /// <summary><c>int[]</c>.</summary>
    public const byte Int32Array = 21;

    /// <summary><c>long[]</c>.</summary>
    public const byte Int64Array = 22;

    /// <summary><c>float[]</c>.</summary>
    public const byte SingleArray = 23;

    /// <summary><c>double[]</c>.</summary>
    public const byte DoubleArray = 24;

    /// <summary><c>short[]</c>.</summary>
    public const byte Int16Array = 25;

    /// <summary><c>ushort[]</c>.</summary>
    public const byte UInt16Array = 26;

    /// <summary><c>uint[]</c>.</summary>
    public const byte UInt32Array = 27;

    /// <summary><c>ulong[]</c>.</summary>
    public const byte UInt64Array = 28;

    /// <summary><c>sbyte[]</c>.</summary>
    public const byte SByteArray = 29;

    /// <summary><c>bool[]</c>, one byte per element.</summary>
    public const byte BooleanArray = 30;

    /// <summary>A tabular row: a string-keyed dictionary of scalar values, decoded as <c>Dictionary&lt;string, object?&gt;</c>.</summary>
    public const byte Tabular = 32;

    /// <summary>Reserved for the image codec, which comes with the media work and registers itself in <see cref="ValueCodecRegistry.Default"/>.</summary>
    public const byte Image = 40;

    /// <summary>Reserved for an audio block codec.</summary>
    public const byte Audio = 41;

    /// <summary>The fallback for anything else: System.Text.Json plus the value's type name.</summary>
    public const byte Json = 127;
}
