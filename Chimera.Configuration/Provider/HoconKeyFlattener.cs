using System.Globalization;

namespace Chimera.Configuration.Provider;

/// <summary>
/// Maps a resolved document to Microsoft.Extensions.Configuration keys: path elements joined by ':',
/// array elements by index. Kebab-case elements also get a dash-less alias (<c>buffer-capacity</c> →
/// <c>buffercapacity</c>), which case-insensitive binding matches to <c>BufferCapacity</c>.
/// </summary>
internal static class HoconKeyFlattener
{
    /// <summary>Flattens a document.</summary>
    /// <param name="root">The resolved root.</param>
    /// <returns>The keys and values; a key the document really has wins over an alias of another.</returns>
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var aliases = new List<KeyValuePair<string, string?>>();
        Walk(root, [string.Empty], data, aliases);
        foreach (var (key, value) in aliases)
        {
            data.TryAdd(key, value);
        }

        return data;
    }

    /// <summary>Emits a value under every spelling of its path; the first spelling is the real one.</summary>
    /// <param name="value">The value.</param>
    /// <param name="spellings">The path's spellings, the real one first.</param>
    /// <param name="data">Receives values under real keys.</param>
    /// <param name="aliases">Receives values under alias keys.</param>
    private static void Walk(HoconValue value, List<string> spellings, Dictionary<string, string?> data, List<KeyValuePair<string, string?>> aliases)
    {
        switch (value)
        {
            case HoconObject obj:
                foreach (var (key, child) in obj)
                {
                    var dashless = key.Replace("-", string.Empty, StringComparison.Ordinal);
                    var childSpellings = new List<string>();
                    foreach (var spelling in spellings)
                    {
                        childSpellings.Add(Join(spelling, key));
                    }

                    if (dashless != key && dashless.Length > 0)
                    {
                        childSpellings.AddRange(spellings.Select(s => Join(s, dashless)));
                    }

                    Walk(child, childSpellings, data, aliases);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    Walk(array[i], [.. spellings.Select(s => Join(s, index))], data, aliases);
                }

                break;
            case HoconScalar scalar:
                var text = scalar.Type == HoconValueType.Null ? null : scalar.Text;
                data[spellings[0]] = text;
                aliases.AddRange(spellings.Skip(1).Select(s => new KeyValuePair<string, string?>(s, text)));
                break;
        }
    }

    /// <summary>Appends a path element to a configuration key.</summary>
    /// <param name="prefix">The parent key, empty at the root.</param>
    /// <param name="element">The element.</param>
    /// <returns>The child key.</returns>
    private static string Join(string prefix, string element) => prefix.Length == 0 ? element : prefix + ":" + element;
}
