using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Chimera.Recording;

/// <summary>Turns a row value into ordered (column, value) pairs: a dictionary's entries, or an object's public properties.</summary>
internal static class TabularRow
{
    /// <summary>The readable public instance properties of each row type, in declaration order.</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> s_properties = new();

    /// <summary>The pairs of <paramref name="row"/>, in the row's own order.</summary>
    public static List<KeyValuePair<string, object?>> Columns(object row)
    {
        switch (row)
        {
            case IReadOnlyDictionary<string, object?> readOnly:
                return [.. readOnly];
            case IDictionary<string, object?> dictionary:
                return [.. dictionary];
            case IDictionary untyped:
                var pairs = new List<KeyValuePair<string, object?>>(untyped.Count);
                foreach (DictionaryEntry entry in untyped)
                {
                    pairs.Add(new(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, entry.Value));
                }

                return pairs;
            default:
                var properties = s_properties.GetOrAdd(row.GetType(), static type =>
                    [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                        .OrderBy(p => p.MetadataToken)]);
                var values = new List<KeyValuePair<string, object?>>(properties.Length);
                foreach (var property in properties)
                {
                    values.Add(new(property.Name, property.GetValue(row)));
                }

                return values;
        }
    }
}
