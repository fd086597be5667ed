using System.Collections.Concurrent;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// The strings of record names, content type names and option keys read off the wire, shared: a stream repeats the
/// same few names in every element, and allocating them again per element was a third of what decoding allocated.
/// </summary>
/// <remarks>Bounded, because the names come from the network: names longer than <see cref="MaxLength"/> bytes are not
/// kept, and when <see cref="MaxEntries"/> names are held the cache starts over, so a peer sending ever-new names
/// costs a bounded amount of memory and the names a stream repeats are soon shared again. Thread-safe: one codec's
/// cache serves all its connections.</remarks>
internal sealed class NameCache
{
    /// <summary>Most names kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Longest name kept, in UTF-8 bytes.</summary>
    public const int MaxLength = 128;

    /// <summary>How many of the names found last are compared byte for byte before anything is decoded or hashed.</summary>
    private const int RecentSlots = 8;

    /// <summary>
    /// The names found last, with their bytes: a stream repeats a few names in every element, and comparing a few bytes
    /// is cheaper than decoding them to characters and hashing those.
    /// </summary>
    private readonly RecentName?[] _recent = new RecentName?[RecentSlots];

    /// <summary>Where the next name found goes in <see cref="_recent"/> (round robin).</summary>
    private int _nextRecent;

    /// <summary>The names, each its own key.</summary>
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Lookup by characters, so a hit allocates nothing.</summary>
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>How many names were added since the last start-over (the dictionary's own count locks every bucket).</summary>
    private int _count;

    /// <summary>Creates an empty cache.</summary>
    public NameCache() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string of <paramref name="utf8"/>: the shared one when known, otherwise a new one (kept while there is room).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        foreach (var recent in _recent)
        {
            if (recent is not null && utf8.SequenceEqual(recent.Utf8))
            {
                return recent.Name;
            }
        }

        var found = Find(utf8);
        _recent[(int)((uint)Interlocked.Increment(ref _nextRecent) % RecentSlots)] = new RecentName(utf8.ToArray(), found);
        return found;
    }

    /// <summary>The shared string of <paramref name="utf8"/> (at most <see cref="MaxLength"/> bytes), added when new.</summary>
    private string Find(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var name = chars[..length];
        if (_lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = new string(name);
        if (Interlocked.Increment(ref _count) > MaxEntries)
        {
            // Full: start over rather than stop caching, so names flooded in once do not crowd out the stream's own.
            _names.Clear();
            Volatile.Write(ref _count, 1);
        }

        _names.TryAdd(created, created);
        return created;
    }

    /// <summary>A name and its UTF-8 bytes; immutable, so it can be swapped into <see cref="_recent"/> while others read.</summary>
    private sealed record RecentName(byte[] Utf8, string Name);
}
