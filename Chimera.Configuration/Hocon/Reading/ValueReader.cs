using System.Globalization;
using Chimera.Configuration.Hocon.Units;

namespace Chimera.Configuration.Hocon.Reading;

/// <summary>
/// Converts resolved values to .NET types the way the HOCON specification allows (strings that look like
/// numbers or booleans convert), with errors that name the path, the origin and the expected type.
/// </summary>
internal static class ValueReader
{
    /// <summary>Reads a string; numbers and booleans give their text.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path it was read from, for errors.</param>
    /// <returns>The text.</returns>
    public static string AsString(HoconValue value, string path) =>
        value is HoconScalar { Type: not HoconValueType.Null } scalar ? scalar.Text : throw WrongType(value, path, "a string");

    /// <summary>Reads a 64-bit integer from a number or a numeric string.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The integer.</returns>
    public static long AsLong(HoconValue value, string path)
    {
        var text = ScalarText(value, path, "an integer");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
            && d >= long.MinValue && d <= long.MaxValue)
        {
            return (long)d;
        }

        throw WrongType(value, path, "an integer");
    }

    /// <summary>Reads a 32-bit integer.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The integer.</returns>
    public static int AsInt(HoconValue value, string path)
    {
        var result = AsLong(value, path);
        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw new HoconException(value.Origin, HoconMessages.IntOutOfRange(path, result));
    }

    /// <summary>Reads a floating-point number.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The number.</returns>
    public static double AsDouble(HoconValue value, string path) =>
        double.TryParse(ScalarText(value, path, "a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw WrongType(value, path, "a number");

    /// <summary>Reads a boolean: true/false, yes/no or on/off.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The boolean.</returns>
    public static bool AsBoolean(HoconValue value, string path) => ScalarText(value, path, "a boolean (true/false, yes/no, on/off)") switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw WrongType(value, path, "a boolean (true/false, yes/no, on/off)"),
    };

    /// <summary>Reads a duration in nanoseconds; a bare number means milliseconds.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The nanoseconds.</returns>
    public static long AsNanoseconds(HoconValue value, string path) =>
        DurationUnits.TryParse(ScalarText(value, path, "a duration"), out var nanos, out var problem)
            ? nanos
            : throw new HoconException(value.Origin, HoconMessages.NotADuration(path, Describe(value), problem));

    /// <summary>Reads a size in bytes; a bare number means bytes.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The bytes.</returns>
    public static long AsBytes(HoconValue value, string path) =>
        ByteSizeUnits.TryParse(ScalarText(value, path, "a size in bytes"), out var bytes, out var problem)
            ? bytes
            : throw new HoconException(value.Origin, HoconMessages.NotASize(path, Describe(value), problem));

    /// <summary>
    /// Reads a list. An object whose keys are integers also reads as a list, sorted by key (other keys
    /// ignored), as the specification allows for properties-style <c>a.0 = x</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The elements.</returns>
    public static IReadOnlyList<HoconValue> AsList(HoconValue value, string path)
    {
        if (value is HoconArray array)
        {
            return array;
        }

        if (value is HoconObject obj)
        {
            var numbered = obj
                .Select(kv => (Ok: int.TryParse(kv.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i), Index: i, kv.Value))
                .Where(x => x.Ok)
                .OrderBy(x => x.Index)
                .Select(x => x.Value)
                .ToList();
            if (numbered.Count > 0)
            {
                return numbered;
            }
        }

        throw WrongType(value, path, "a list");
    }

    /// <summary>Reads an object.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <returns>The object.</returns>
    public static HoconObject AsObject(HoconValue value, string path) =>
        value as HoconObject ?? throw WrongType(value, path, "an object");

    /// <summary>The text of a non-null scalar, or a wrong-type error.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">The path, for errors.</param>
    /// <param name="expected">The expected type, for errors.</param>
    /// <returns>The text.</returns>
    private static string ScalarText(HoconValue value, string path, string expected) =>
        value is HoconScalar { Type: not HoconValueType.Null } scalar ? scalar.Text.Trim() : throw WrongType(value, path, expected);

    /// <summary>Builds the wrong-type error.</summary>
    /// <param name="value">The value found.</param>
    /// <param name="path">The path, for errors.</param>
    /// <param name="expected">The expected type.</param>
    /// <returns>The exception.</returns>
    private static HoconException WrongType(HoconValue value, string path, string expected) =>
        new(value.Origin, HoconMessages.WrongType(path, Describe(value), expected));

    /// <summary>Describes a value for errors.</summary>
    /// <param name="value">The value.</param>
    /// <returns>E.g. <c>the string "abc"</c>.</returns>
    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "a list",
        HoconScalar { Type: HoconValueType.Null } => "null",
        HoconScalar { Type: HoconValueType.String } s => $"the string \"{s.Text}\"",
        HoconScalar s => $"the {s.Type.ToString().ToLowerInvariant()} {s.Text}",
        _ => value.Type.ToString(),
    };
}
