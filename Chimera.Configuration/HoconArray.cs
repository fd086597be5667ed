using System.Collections;

namespace Chimera.Configuration;

/// <summary>A resolved HOCON array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    /// <summary>The elements, in order.</summary>
    private readonly IReadOnlyList<HoconValue> elements;

    /// <summary>Creates an array over the given elements.</summary>
    /// <param name="elements">The elements, in order.</param>
    /// <param name="origin">Where the array was defined.</param>
    internal HoconArray(IReadOnlyList<HoconValue> elements, HoconOrigin origin)
        : base(origin)
    {
        ArgumentNullException.ThrowIfNull(elements);
        this.elements = elements;
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Array;

    /// <inheritdoc />
    public int Count => elements.Count;

    /// <inheritdoc />
    public HoconValue this[int index] => elements[index];

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator() => elements.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
