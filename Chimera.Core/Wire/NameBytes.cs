using System.Text;

namespace Chimera.Wire;

/// <summary>
/// The UTF-8 bytes of the record names and content type names a codec writes, kept for the few strings a stream
/// repeats in every element so that encoding one does not transcode them again. Looked up by reference: a node
/// writes the same string instances element after element.
/// </summary>
/// <remarks>Thread-safe (one codec serves every connection): entries are immutable and swapped in whole.</remarks>
internal sealed class NameBytes
{
    /// <summary>How many strings are kept.</summary>
    private const int Slots = 8;

    /// <summary>Longest string kept, in UTF-16 units; longer ones are transcoded each time.</summary>
    private const int MaxLength = 128;

    /// <summary>The strings written last, with their bytes.</summary>
    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>Where the next string goes in <see cref="_entries"/> (round robin).</summary>
    private int _next;

    /// <summary>
    /// The UTF-8 bytes of <paramref name="value"/>, checked against <paramref name="cap"/> (a field too long is a
    /// <see cref="WireFormatException"/> naming <paramref name="field"/> and the setting <paramref name="key"/>).
    /// </summary>
    public ReadOnlySpan<byte> Get(string value, string field, int cap, string key)
    {
        foreach (var entry in _entries)
        {
            if (entry is not null && ReferenceEquals(entry.Value, value) && entry.Cap == cap)
            {
                return entry.Utf8;
            }
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        if (utf8.Length > cap)
        {
            throw new WireFormatException(WireMessages.FieldTooLong(field, utf8.Length, cap, key));
        }

        if (value.Length <= MaxLength)
        {
            _entries[(int)((uint)Interlocked.Increment(ref _next) % Slots)] = new Entry(value, utf8, cap);
        }

        return utf8;
    }

    /// <summary>A string, its bytes, and the cap they were checked against.</summary>
    private sealed record Entry(string Value, byte[] Utf8, int Cap);
}
