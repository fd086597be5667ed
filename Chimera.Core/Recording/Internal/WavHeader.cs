using System.Buffers.Binary;

namespace Chimera.Recording;

/// <summary>The canonical 44-byte WAV header (RIFF, <c>fmt </c> of 16 bytes, <c>data</c>) and its two size fields.</summary>
internal static class WavHeader
{
    /// <summary>The header's length; samples start here.</summary>
    public const int Length = 44;

    /// <summary>WAVE_FORMAT_PCM.</summary>
    public const short FormatPcm = 1;

    /// <summary>WAVE_FORMAT_IEEE_FLOAT.</summary>
    public const short FormatFloat = 3;

    /// <summary>Where the RIFF size (file length − 8) is.</summary>
    public const int RiffSizeOffset = 4;

    /// <summary>Where the data size is.</summary>
    public const int DataSizeOffset = 40;

    /// <summary>Writes a header for <paramref name="dataBytes"/> of samples (0 as the placeholder at start).</summary>
    public static byte[] Create(short format, int channels, int sampleRate, int bitsPerSample, uint dataBytes)
    {
        var header = new byte[Length];
        var blockAlign = channels * bitsPerSample / 8;
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(RiffSizeOffset), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), format);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), (short)bitsPerSample);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(DataSizeOffset), dataBytes);
        return header;
    }

    /// <summary>Writes both size fields of a file whose data chunk starts at <paramref name="dataOffset"/>, leaving the position at the end.</summary>
    public static void Patch(Stream file, long dataOffset, long dataBytes)
    {
        Span<byte> word = stackalloc byte[4];
        var end = file.Position;
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)Math.Min(uint.MaxValue, dataOffset + dataBytes - 8));
        file.Seek(RiffSizeOffset, SeekOrigin.Begin);
        file.Write(word);
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)Math.Min(uint.MaxValue, dataBytes));
        file.Seek(dataOffset - 4, SeekOrigin.Begin);
        file.Write(word);
        file.Seek(end, SeekOrigin.Begin);
    }
}
