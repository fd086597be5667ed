using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Chimera.Wire.Codecs;

/// <summary>
/// Encodes the scalar values (null, primitives, decimal, char, string, date and time types, Guid) shared by the
/// scalar codecs and by tabular rows, whose cells are scalars. One switch keeps the formats in one place.
/// </summary>
internal static class ScalarEncoding
{
    /// <summary>The largest fixed-size scalar (decimal, Guid), for the stack buffer that reads them.</summary>
    private const int MaxFixedSize = 16;

    /// <summary>Returns the tag for a scalar value, or <see langword="false"/> if the value is not a scalar.</summary>
    public static bool TryGetTag(object? value, out byte tag)
    {
        tag = value switch
        {
            null => WireTags.Null,
            bool => WireTags.Boolean,
            byte => WireTags.Byte,
            sbyte => WireTags.SByte,
            short => WireTags.Int16,
            ushort => WireTags.UInt16,
            int => WireTags.Int32,
            uint => WireTags.UInt32,
            long => WireTags.Int64,
            ulong => WireTags.UInt64,
            float => WireTags.Single,
            double => WireTags.Double,
            decimal => WireTags.Decimal,
            char => WireTags.Char,
            string => WireTags.String,
            DateTime => WireTags.DateTime,
            DateTimeOffset => WireTags.DateTimeOffset,
            TimeSpan => WireTags.TimeSpan,
            Guid => WireTags.Guid,
            _ => byte.MaxValue,
        };
        return tag != byte.MaxValue;
    }

    /// <summary>Whether <paramref name="tag"/> is a scalar tag.</summary>
    public static bool IsScalar(byte tag) => tag <= WireTags.Guid;

    /// <summary>The encoded size of a scalar value of tag <paramref name="tag"/>.</summary>
    public static int GetSize(byte tag, object? value) => tag switch
    {
        WireTags.Null => 0,
        WireTags.String => Encoding.UTF8.GetByteCount((string)value!),
        _ => FixedSize(tag),
    };

    /// <summary>Writes a scalar value whose tag came from <see cref="TryGetTag"/>.</summary>
    public static void Write(byte tag, object? value, IBufferWriter<byte> output)
    {
        if (tag == WireTags.Null)
        {
            return;
        }

        if (tag == WireTags.String)
        {
            var text = (string)value!;
            var length = Encoding.UTF8.GetByteCount(text);
            if (length > 0)
            {
                output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
            }

            return;
        }

        var size = FixedSize(tag);
        var span = output.GetSpan(size);
        switch (tag)
        {
            case WireTags.Boolean: span[0] = (bool)value! ? (byte)1 : (byte)0; break;
            case WireTags.Byte: span[0] = (byte)value!; break;
            case WireTags.SByte: span[0] = unchecked((byte)(sbyte)value!); break;
            case WireTags.Int16: BinaryPrimitives.WriteInt16LittleEndian(span, (short)value!); break;
            case WireTags.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value!); break;
            case WireTags.Int32: BinaryPrimitives.WriteInt32LittleEndian(span, (int)value!); break;
            case WireTags.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value!); break;
            case WireTags.Int64: BinaryPrimitives.WriteInt64LittleEndian(span, (long)value!); break;
            case WireTags.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)value!); break;
            case WireTags.Single: BinaryPrimitives.WriteSingleLittleEndian(span, (float)value!); break;
            case WireTags.Double: BinaryPrimitives.WriteDoubleLittleEndian(span, (double)value!); break;
            case WireTags.Char: BinaryPrimitives.WriteUInt16LittleEndian(span, (char)value!); break;
            case WireTags.TimeSpan: BinaryPrimitives.WriteInt64LittleEndian(span, ((TimeSpan)value!).Ticks); break;
            case WireTags.Guid: ((Guid)value!).TryWriteBytes(span); break;
            case WireTags.Decimal: WriteDecimal(span, (decimal)value!); break;
            case WireTags.DateTime:
                var time = (DateTime)value!;
                BinaryPrimitives.WriteInt64LittleEndian(span, time.Ticks);
                span[8] = (byte)time.Kind;
                break;
            case WireTags.DateTimeOffset:
                var offsetTime = (DateTimeOffset)value!;
                BinaryPrimitives.WriteInt64LittleEndian(span, offsetTime.Ticks);
                BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)offsetTime.TotalOffsetMinutes);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(tag), tag, "Not a scalar tag.");
        }

        output.Advance(size);
    }

    /// <summary>Reads a scalar value of tag <paramref name="tag"/> that fills exactly <paramref name="payload"/>.</summary>
    /// <exception cref="WireFormatException">The payload has the wrong length or is not a valid value.</exception>
    public static object? Read(byte tag, ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return Read(tag, payload.FirstSpan);
        }

        if (tag == WireTags.String)
        {
            return Encoding.UTF8.GetString(payload);
        }

        // A fixed-size value split over segments: gathered first (a wrong length is reported by the span overload).
        Span<byte> gathered = stackalloc byte[MaxFixedSize];
        if (payload.Length > MaxFixedSize)
        {
            throw new WireFormatException(WireMessages.WrongLength(Name(tag), payload.Length, tag == WireTags.Null ? 0 : FixedSize(tag)));
        }

        payload.CopyTo(gathered);
        return Read(tag, gathered[..(int)payload.Length]);
    }

    /// <summary>Reads a scalar value of tag <paramref name="tag"/> that fills exactly <paramref name="payload"/>, a payload in one piece.</summary>
    /// <exception cref="WireFormatException">The payload has the wrong length or is not a valid value.</exception>
    public static object? Read(byte tag, ReadOnlySpan<byte> payload)
    {
        if (tag == WireTags.Null)
        {
            return payload.IsEmpty ? null : throw new WireFormatException(WireMessages.WrongLength("null", payload.Length, 0));
        }

        if (tag == WireTags.String)
        {
            return Encoding.UTF8.GetString(payload);
        }

        var size = FixedSize(tag);
        if (payload.Length != size)
        {
            throw new WireFormatException(WireMessages.WrongLength(Name(tag), payload.Length, size));
        }

        return tag switch
        {
            WireTags.Boolean => payload[0] switch
            {
                0 => false,
                1 => true,
                _ => throw new WireFormatException(WireMessages.InvalidValue("bool", $"byte {payload[0]} is neither 0 nor 1.")),
            },
            WireTags.Byte => payload[0],
            WireTags.SByte => unchecked((sbyte)payload[0]),
            WireTags.Int16 => BinaryPrimitives.ReadInt16LittleEndian(payload),
            WireTags.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(payload),
            WireTags.Int32 => BinaryPrimitives.ReadInt32LittleEndian(payload),
            WireTags.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(payload),
            WireTags.Int64 => BinaryPrimitives.ReadInt64LittleEndian(payload),
            WireTags.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(payload),
            WireTags.Single => BinaryPrimitives.ReadSingleLittleEndian(payload),
            WireTags.Double => BinaryPrimitives.ReadDoubleLittleEndian(payload),
            WireTags.Char => (char)BinaryPrimitives.ReadUInt16LittleEndian(payload),
            WireTags.TimeSpan => new TimeSpan(BinaryPrimitives.ReadInt64LittleEndian(payload)),
            WireTags.Guid => new Guid(payload[..16]),
            WireTags.Decimal => ReadDecimal(payload),
            WireTags.DateTime => ReadDateTime(payload),
            WireTags.DateTimeOffset => ReadDateTimeOffset(payload),
            _ => throw new WireFormatException(WireMessages.InvalidValue("scalar", $"tag {tag} is not a scalar tag.")),
        };
    }

    /// <summary>The size of a fixed-size scalar.</summary>
    private static int FixedSize(byte tag) => tag switch
    {
        WireTags.Boolean or WireTags.Byte or WireTags.SByte => 1,
        WireTags.Int16 or WireTags.UInt16 or WireTags.Char => 2,
        WireTags.Int32 or WireTags.UInt32 or WireTags.Single => 4,
        WireTags.Int64 or WireTags.UInt64 or WireTags.Double or WireTags.TimeSpan => 8,
        WireTags.DateTime => 9,
        WireTags.DateTimeOffset => 10,
        WireTags.Decimal or WireTags.Guid => 16,
        _ => throw new WireFormatException(WireMessages.InvalidValue("scalar", $"tag {tag} is not a scalar tag.")),
    };

    /// <summary>A readable name for a scalar tag, for messages.</summary>
    private static string Name(byte tag) => tag switch
    {
        WireTags.Boolean => "bool",
        WireTags.Byte => "byte",
        WireTags.SByte => "sbyte",
        WireTags.Int16 => "short",
        WireTags.UInt16 => "ushort",
        WireTags.Int32 => "int",
        WireTags.UInt32 => "uint",
        WireTags.Int64 => "long",
        WireTags.UInt64 => "ulong",
        WireTags.Single => "float",
        WireTags.Double => "double",
        WireTags.Decimal => "decimal",
        WireTags.Char => "char",
        WireTags.DateTime => "DateTime",
        WireTags.DateTimeOffset => "DateTimeOffset",
        WireTags.TimeSpan => "TimeSpan",
        WireTags.Guid => "Guid",
        _ => "scalar",
    };

    /// <summary>Writes a decimal as its four 32-bit parts.</summary>
    private static void WriteDecimal(Span<byte> span, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], bits[i]);
        }
    }

    /// <summary>Reads a decimal, refusing flag bits that would make it invalid.</summary>
    private static decimal ReadDecimal(ReadOnlySpan<byte> span)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException error)
        {
            throw new WireFormatException(WireMessages.InvalidValue("decimal", error.Message), error);
        }
    }

    /// <summary>Reads a DateTime, checking the ticks and the kind.</summary>
    private static DateTime ReadDateTime(ReadOnlySpan<byte> span)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span);
        var kind = span[8];
        if (ticks < System.DateTime.MinValue.Ticks || ticks > System.DateTime.MaxValue.Ticks || kind > (byte)DateTimeKind.Local)
        {
            throw new WireFormatException(WireMessages.InvalidValue("DateTime", $"ticks {ticks} with kind {kind} is out of range."));
        }

        return new DateTime(ticks, (DateTimeKind)kind);
    }

    /// <summary>Reads a DateTimeOffset, checking the ticks and the offset.</summary>
    private static DateTimeOffset ReadDateTimeOffset(ReadOnlySpan<byte> span)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span);
        var minutes = BinaryPrimitives.ReadInt16LittleEndian(span[8..]);
        try
        {
            return new DateTimeOffset(ticks, System.TimeSpan.FromMinutes(minutes));
        }
        catch (ArgumentException error)
        {
            throw new WireFormatException(WireMessages.InvalidValue("DateTimeOffset", error.Message), error);
        }
    }
}
