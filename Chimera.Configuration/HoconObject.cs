using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Chimera.Configuration;

/// <summary>A resolved HOCON object; keys keep the order in which they were first defined.</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    /// <summary>The fields; lookups are by exact key.</summary>
    private readonly Dictionary<string, HoconValue> fields;

    /// <summary>The keys in definition order, because dictionaries do not promise an order.</summary>
    private readonly List<string> order;

    /// <summary>Creates an object from fields given in definition order.</summary>
    /// <param name="fields">The fields, in the order they should be enumerated.</param>
    /// <param name="origin">Where the object was defined.</param>
    internal HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : base(origin)
    {
        ArgumentNullException.ThrowIfNull(fields);
        this.fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        order = [];
        foreach (var (key, value) in fields)
        {
            if (!this.fields.ContainsKey(key))
            {
                order.Add(key);
            }

            this.fields[key] = value;
        }
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Object;

    /// <inheritdoc />
    public int Count => order.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => order;

    /// <inheritdoc />
    public IEnumerable<HoconValue> Values => order.Select(k => fields[k]);

    /// <inheritdoc />
    public HoconValue this[string key] => fields[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => fields.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, HoconValue>(k, fields[k])).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
