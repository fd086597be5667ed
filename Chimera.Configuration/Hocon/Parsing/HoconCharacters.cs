using System.Globalization;

namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>The character classes of the HOCON specification.</summary>
internal static class HoconCharacters
{
    /// <summary>The characters that end an unquoted string (besides whitespace and <c>//</c>).</summary>
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    /// <summary>
    /// Whether <paramref name="c"/> is HOCON whitespace: Unicode space separators, the ASCII controls
    /// Java counts as whitespace, and the byte-order mark, as the specification lists them.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is whitespace.</returns>
    public static bool IsWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        >= '\u001C' and <= '\u001F' => true,
        '\uFEFF' => true,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
    };

    /// <summary>Whether <paramref name="c"/> may not appear in an unquoted string.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is forbidden.</returns>
    public static bool IsForbidden(char c) => Forbidden.Contains(c, StringComparison.Ordinal);
}
