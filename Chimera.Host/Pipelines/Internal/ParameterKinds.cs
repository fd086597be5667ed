using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chimera.Configuration;

namespace Chimera.Pipelines.Internal;

/// <summary>How node properties appear as pipeline parameters: their names, and what kind of value each expects in words.</summary>
internal static class ParameterKinds
{
    /// <summary>The integer types, described as "an integer".</summary>
    private static readonly HashSet<Type> Integers =
        [typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    /// <summary>The floating-point types, described as "a number".</summary>
    private static readonly HashSet<Type> Reals = [typeof(float), typeof(double), typeof(decimal)];

    /// <summary>The node's parameters: public read/write instance properties that JSON configuration binds.</summary>
    /// <param name="type">The node type.</param>
    /// <returns>The properties in declaration order.</returns>
    public static IReadOnlyList<PropertyInfo> ParametersOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && p.GetMethod is { IsPublic: true }
                && p.SetMethod is { IsPublic: true }
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .OrderBy(p => p.DeclaringType == type ? 0 : 1)
            .ThenBy(p => p.MetadataToken)];

    /// <summary>The name a parameter has in pipeline files: its JSON name, else the property name in camelCase.</summary>
    /// <param name="property">The property.</param>
    /// <returns>For example <c>count</c>.</returns>
    public static string NameOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>Finds the parameter a key names: case-insensitively, with or without dashes (<c>pixel-format</c>).</summary>
    /// <param name="parameters">The node's parameters.</param>
    /// <param name="key">The key as written.</param>
    /// <returns>The property, or <see langword="null"/>.</returns>
    public static PropertyInfo? Find(IReadOnlyList<PropertyInfo> parameters, string key)
    {
        var compact = key.Replace("-", string.Empty, StringComparison.Ordinal);
        return parameters.FirstOrDefault(p => string.Equals(NameOf(p), key, StringComparison.OrdinalIgnoreCase))
            ?? parameters.FirstOrDefault(p => string.Equals(NameOf(p), compact, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Name, compact, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Says in words what a property type accepts, for wrong-type messages.</summary>
    /// <param name="type">The property type.</param>
    /// <returns>For example <c>an integer (Int64?)</c>.</returns>
    public static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var core = underlying ?? type;
        var display = core.Name + (underlying is null ? string.Empty : "?");
        return core switch
        {
            _ when Integers.Contains(core) => $"an integer ({display})",
            _ when Reals.Contains(core) => $"a number ({display})",
            _ when core == typeof(bool) => $"a boolean ({display})",
            _ when core == typeof(string) => "a string",
            _ when core == typeof(TimeSpan) => $"a duration such as 500ms or 2s ({display})",
            { IsEnum: true } => $"one of {KebabEnum.Names(core)} ({display})",
            _ when core.IsArray || (core != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(core)) => $"a list ({display})",
            _ => $"an object ({display})",
        };
    }

    /// <summary>Renders a HOCON value for a message: strings quoted, numbers as written, containers by kind.</summary>
    /// <param name="value">The value.</param>
    /// <returns>For example <c>"many"</c>.</returns>
    public static string Show(HoconValue value) => value switch
    {
        HoconScalar { Type: HoconValueType.String } s => JsonSerializer.Serialize(s.Text),
        HoconScalar s => s.Text,
        HoconObject => "an object",
        _ => "a list",
    };

    /// <summary>Whether a property type is numeric, so a numeric string such as <c>"5"</c> may bind to it.</summary>
    /// <param name="type">The property type.</param>
    /// <returns>Whether it is an integer or floating-point type, nullable or not.</returns>
    public static bool IsNumeric(Type type)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        return Integers.Contains(core) || Reals.Contains(core);
    }

    /// <summary>Whether a string is a plain number JSON accepts.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether it parses as an invariant-culture number.</returns>
    public static bool LooksNumeric(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
}
