using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// Writes the little-endian fields that <see cref="PayloadReader"/> reads, checking the same caps on the way out so
/// a sender learns about an oversized name before its peer drops the connection.
/// </summary>
internal static class PayloadWriter
{
    /// <summary>The most bytes asked of the output per <c>GetSpan</c> call by <see cref="WriteBlocks"/>.</summary>
    private const int CopyBlock = 64 * 1024;

    /// <summary>Copies <paramref name="bytes"/> in blocks, so a pipe is never asked for one huge segment.</summary>
    public static void WriteBlocks(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(bytes.Length, CopyBlock));
            var count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            output.Advance(count);
            bytes = bytes[count..];
        }
    }

    /// <summary>Writes one byte.</summary>
    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes a little-endian int32.</summary>
    public static void WriteInt32(IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    /// <summary>Writes a little-endian int64.</summary>
    public static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>Writes a count after checking it against its cap.</summary>
    public static void WriteCount(IBufferWriter<byte> output, int count, string field, int cap, string key)
    {
        if (count > cap)
        {
            throw new WireFormatException(WireMessages.TooMany(field, count, cap, key));
        }

        WriteInt32(output, count);
    }

    /// <summary>Writes a timestamp as UTC ticks.</summary>
    public static void WriteTimestamp(IBufferWriter<byte> output, DateTimeOffset value) => WriteInt64(output, value.UtcTicks);

    /// <summary>Writes a uint32 byte length and the UTF-8 bytes of <paramref name="value"/>, after checking the cap.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value, string field, int cap, string key)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > cap)
        {
            throw new WireFormatException(WireMessages.FieldTooLong(field, length, cap, key));
        }

        WriteInt32(output, length);
        if (length > 0)
        {
            var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length));
            output.Advance(written);
        }
    }
}
