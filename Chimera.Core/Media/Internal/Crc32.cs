namespace Chimera.Media;

/// <summary>
/// CRC-32 (ISO-HDLC, polynomial 0xEDB88320) as PNG chunks need it. System.IO.Hashing is a NuGet package, not part of
/// the shared framework, and Core takes no packages, so this small table-driven version stands in.
/// </summary>
internal static class Crc32
{
    /// <summary>The byte-at-a-time lookup table.</summary>
    private static readonly uint[] s_table = CreateTable();

    /// <summary>Feeds <paramref name="data"/> into a running CRC; start with <c>0xFFFFFFFF</c> and finish with <see cref="Finish"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The CRC of <paramref name="data"/> in one go.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The initial running value.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Turns a running value into the final CRC.</summary>
    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    /// <summary>Builds the table once.</summary>
    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
