using System.Diagnostics.CodeAnalysis;
using Chimera.Configuration.Hocon;
using Chimera.Configuration.Hocon.Reading;

namespace Chimera.Configuration;

/// <summary>Typed getters. Get* throw when the path is not set; TryGet* return false instead but still throw on a wrong type, so a typo in a value is never silently ignored.</summary>
public sealed partial class HoconConfig
{
    /// <summary>Whether the path is set to something other than null.</summary>
    /// <param name="path">A path expression such as <c>a.b."c.d"</c>.</param>
    /// <returns>Whether a non-null value is there.</returns>
    public bool HasPath(string path) => Find(path) is { Type: not HoconValueType.Null };

    /// <summary>Gets the value at a path, whatever its type.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The value (possibly null-typed).</returns>
    /// <exception cref="HoconException">The path is not set.</exception>
    public HoconValue GetValue(string path) => Find(path) ?? throw NotSet(path);

    /// <summary>Gets the value at a path if it is set.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The value when set.</param>
    /// <returns>Whether the path is set (to anything, null included).</returns>
    public bool TryGetValue(string path, [NotNullWhen(true)] out HoconValue? value) => (value = Find(path)) is not null;

    /// <summary>Gets a string; numbers and booleans give their text.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The string.</returns>
    /// <exception cref="HoconException">The path is not set or is not a string.</exception>
    public string GetString(string path) => ValueReader.AsString(GetValue(path), path);

    /// <summary>Gets a 32-bit integer.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="HoconException">The path is not set or is not an integer in range.</exception>
    public int GetInt(string path) => ValueReader.AsInt(GetValue(path), path);

    /// <summary>Gets a 64-bit integer.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="HoconException">The path is not set or is not an integer.</exception>
    public long GetLong(string path) => ValueReader.AsLong(GetValue(path), path);

    /// <summary>Gets a floating-point number.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The number.</returns>
    /// <exception cref="HoconException">The path is not set or is not a number.</exception>
    public double GetDouble(string path) => ValueReader.AsDouble(GetValue(path), path);

    /// <summary>Gets a boolean written true/false, yes/no or on/off.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="HoconException">The path is not set or is not a boolean.</exception>
    public bool GetBoolean(string path) => ValueReader.AsBoolean(GetValue(path), path);

    /// <summary>
    /// Gets a duration such as <c>10 ms</c>, <c>1.5 hours</c> or <c>2d</c> (units lowercase, as the
    /// specification spells them); a bare number means milliseconds. Precision is TimeSpan's 100 ns.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="HoconException">The path is not set or is not a duration.</exception>
    public TimeSpan GetDuration(string path) => TimeSpan.FromTicks(GetDurationNanoseconds(path) / 100);

    /// <summary>Gets a duration in nanoseconds, for values finer than TimeSpan's 100 ns.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The nanoseconds.</returns>
    /// <exception cref="HoconException">The path is not set or is not a duration.</exception>
    public long GetDurationNanoseconds(string path) => ValueReader.AsNanoseconds(GetValue(path), path);

    /// <summary>
    /// Gets a size in bytes such as <c>512k</c>, <c>10 MB</c> (10^6) or <c>10 MiB</c> (2^20); a bare number means bytes.
    /// </summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="HoconException">The path is not set, is not a size, or does not fit in a long.</exception>
    public long GetBytes(string path) => ValueReader.AsBytes(GetValue(path), path);

    /// <summary>Gets a list; an object with integer keys reads as a list sorted by key.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The elements.</returns>
    /// <exception cref="HoconException">The path is not set or is not a list.</exception>
    public IReadOnlyList<HoconValue> GetList(string path) => ValueReader.AsList(GetValue(path), path);

    /// <summary>Gets a list of strings.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The strings.</returns>
    /// <exception cref="HoconException">The path is not set, is not a list, or an element is not a string.</exception>
    public IReadOnlyList<string> GetStringList(string path) =>
        [.. GetList(path).Select((v, i) => ValueReader.AsString(v, $"{path}[{i}]"))];

    /// <summary>Gets an object.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The object.</returns>
    /// <exception cref="HoconException">The path is not set or is not an object.</exception>
    public HoconObject GetObject(string path) => ValueReader.AsObject(GetValue(path), path);

    /// <summary>Gets an object as a config of its own, e.g. one section for one settings class.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The sub-config.</returns>
    /// <exception cref="HoconException">The path is not set or is not an object.</exception>
    public HoconConfig GetConfig(string path)
    {
        var obj = GetObject(path);
        return new HoconConfig([new HoconSource(null, obj.Origin.File, null, obj)], options, obj);
    }

    /// <summary>Gets a string if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The string when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a string.</exception>
    public bool TryGetString(string path, [NotNullWhen(true)] out string? value) => TryRead(path, ValueReader.AsString, out value);

    /// <summary>Gets a 32-bit integer if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The integer when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not an integer.</exception>
    public bool TryGetInt(string path, out int value) => TryRead(path, ValueReader.AsInt, out value);

    /// <summary>Gets a 64-bit integer if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The integer when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not an integer.</exception>
    public bool TryGetLong(string path, out long value) => TryRead(path, ValueReader.AsLong, out value);

    /// <summary>Gets a number if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The number when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a number.</exception>
    public bool TryGetDouble(string path, out double value) => TryRead(path, ValueReader.AsDouble, out value);

    /// <summary>Gets a boolean if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The boolean when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a boolean.</exception>
    public bool TryGetBoolean(string path, out bool value) => TryRead(path, ValueReader.AsBoolean, out value);

    /// <summary>Gets a duration if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The duration when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a duration.</exception>
    public bool TryGetDuration(string path, out TimeSpan value) =>
        TryRead(path, (v, p) => TimeSpan.FromTicks(ValueReader.AsNanoseconds(v, p) / 100), out value);

    /// <summary>Gets a size in bytes if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The bytes when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a size.</exception>
    public bool TryGetBytes(string path, out long value) => TryRead(path, ValueReader.AsBytes, out value);

    /// <summary>Gets a list if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The elements when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not a list.</exception>
    public bool TryGetList(string path, [NotNullWhen(true)] out IReadOnlyList<HoconValue>? value) => TryRead(path, ValueReader.AsList, out value);

    /// <summary>Gets a section as a config of its own if the path is set and not null.</summary>
    /// <param name="path">A path expression.</param>
    /// <param name="value">The sub-config when found.</param>
    /// <returns>Whether it was found.</returns>
    /// <exception cref="HoconException">The value is set but is not an object.</exception>
    public bool TryGetConfig(string path, [NotNullWhen(true)] out HoconConfig? value)
    {
        value = HasPath(path) ? GetConfig(path) : null;
        return value is not null;
    }

    /// <summary>Reads a path with a converter when it is set and not null.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="path">A path expression.</param>
    /// <param name="read">The converter.</param>
    /// <param name="value">The result when found.</param>
    /// <returns>Whether it was found.</returns>
    private bool TryRead<T>(string path, Func<HoconValue, string, T> read, [MaybeNullWhen(false)] out T value)
    {
        if (Find(path) is { Type: not HoconValueType.Null } found)
        {
            value = read(found, path);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Walks the resolved tree along a path.</summary>
    /// <param name="path">A path expression.</param>
    /// <returns>The value, or <see langword="null"/> when not set.</returns>
    private HoconValue? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] elements;
        try
        {
            elements = HoconPath.Parse(path, new HoconOrigin("<path>", 1, 1));
        }
        catch (HoconException e)
        {
            throw new ArgumentException(e.Reason, nameof(path), e);
        }

        HoconValue current = Root;
        foreach (var element in elements)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(element, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>Builds the error for a path that is not set.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The exception.</returns>
    private static HoconException NotSet(string path) =>
        new(HoconMessages.NotSet(path));
}
