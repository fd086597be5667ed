using System.Buffers.Binary;

namespace Chimera.Recording;

/// <summary>
/// Fixes the size fields of a WAV file whose writer died before patching them (kill -9, power loss), from the file's
/// length, so any reader sees every whole sample frame that reached the disk.
/// </summary>
public static class WavRepair
{
    /// <summary>Rewrites the RIFF and data sizes of <paramref name="path"/> to match its length, dropping a trailing partial frame.</summary>
    /// <returns>The number of sample frames (samples per channel) the file now declares.</returns>
    /// <exception cref="InvalidDataException">The file is not a RIFF/WAVE file with <c>fmt </c> and <c>data</c> chunks.</exception>
    public static long Repair(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        Span<byte> head = stackalloc byte[12];
        if (file.Length < 12 || file.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12
            || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException(RecordingMessages.NotWav(path, "it does not start with RIFF....WAVE"));
        }

        var blockAlign = 0;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        while (file.Position + 8 <= file.Length)
        {
            file.ReadExactly(chunk);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || file.Position + 16 > file.Length)
                {
                    throw new InvalidDataException(RecordingMessages.NotWav(path, "its fmt chunk is too short"));
                }

                file.ReadExactly(fmt);
                blockAlign = BinaryPrimitives.ReadInt16LittleEndian(fmt[12..]);
                file.Seek(size - 16 + (size & 1), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (blockAlign <= 0)
                {
                    throw new InvalidDataException(RecordingMessages.NotWav(path, "the data chunk comes before a valid fmt chunk"));
                }

                var dataOffset = file.Position;
                var dataBytes = file.Length - dataOffset;
                dataBytes -= dataBytes % blockAlign;
                dataBytes = Math.Min(dataBytes, uint.MaxValue - (uint.MaxValue % (uint)blockAlign));
                file.SetLength(dataOffset + dataBytes);
                WavHeader.Patch(file, dataOffset, dataBytes);
                return dataBytes / blockAlign;
            }
            else
            {
                file.Seek(size + (size & 1), SeekOrigin.Current);
            }
        }

        throw new InvalidDataException(RecordingMessages.NotWav(path, "it has no data chunk"));
    }
}
