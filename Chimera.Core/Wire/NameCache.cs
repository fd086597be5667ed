using System.Collections.Concurrent;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// The strings of record names, content type names and option keys read off the wire, shared: a stream repeats the
/// same few names in every element, and allocating them again per element was a third of what decoding allocated.
/// </summary>
/// <remarks>Bounded, because the names come from the network: after <see cref="MaxEntries"/> distinct names (or for
/// names longer than <see cref="MaxLength"/> characters) strings are allocated as before, so a peer sending ever-new
/// names costs memory once, not without end. Thread-safe; every connection shares it.</remarks>
internal static class NameCache
{
    /// <summary>Most names kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Longest name kept, in UTF-8 bytes.</summary>
    public const int MaxLength = 128;

    /// <summary>The names, each its own key.</summary>
    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);

    /// <summary>Lookup by characters, so a hit allocates nothing.</summary>
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup = s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many names were added (the dictionary's own count locks every bucket).</summary>
    private static int s_count;

    /// <summary>The string of <paramref name="utf8"/>: the shared one when known, otherwise a new one (kept while there is room).</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var name = chars[..length];
        if (s_lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = new string(name);
        if (Volatile.Read(ref s_count) < MaxEntries && s_names.TryAdd(created, created))
        {
            Interlocked.Increment(ref s_count);
        }

        return created;
    }
}
