namespace Chimera.Configuration;

/// <summary>
/// A string, number, boolean or null. The text is kept exactly as written (numbers included)
/// so that concatenation and JSON output reproduce the source.
/// </summary>
public sealed class HoconScalar : HoconValue
{
    /// <summary>Creates a scalar of the given kind.</summary>
    /// <param name="type">One of String, Number, Boolean or Null.</param>
    /// <param name="text">The text of the value; for numbers and booleans the literal as written.</param>
    /// <param name="origin">Where the value was defined.</param>
    internal HoconScalar(HoconValueType type, string text, HoconOrigin origin)
        : base(origin)
    {
        if (type is HoconValueType.Object or HoconValueType.Array)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A scalar cannot be an object or an array.");
        }

        ArgumentNullException.ThrowIfNull(text);
        Type = type;
        Text = text;
    }

    /// <inheritdoc />
    public override HoconValueType Type { get; }

    /// <summary>The value's text: the string itself, the number or boolean literal, or <c>null</c>.</summary>
    public string Text { get; }

    /// <summary>Returns <see cref="Text"/>, which is what a string concatenation would use.</summary>
    /// <returns>The value's text.</returns>
    public override string ToString() => Text;
}
