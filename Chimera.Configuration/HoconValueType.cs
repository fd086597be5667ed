namespace Chimera.Configuration;

/// <summary>The kind of a resolved HOCON value, as JSON knows them.</summary>
public enum HoconValueType
{
    /// <summary>An object: keys mapped to values.</summary>
    Object,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>A string, quoted or unquoted in the source, or the result of a string concatenation.</summary>
    String,

    /// <summary>A number, kept as written so that no precision is lost.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>, which is set (it overrides a fallback) but has no value.</summary>
    Null,
}
