using System.Text;
using Chimera.Configuration.Hocon.Parsing;

namespace Chimera.Configuration.Hocon;

/// <summary>
/// Path expressions (<c>a.b."c.d"</c>): dots split unquoted text into elements, quoted text is one
/// element whatever it contains.
/// </summary>
internal static class HoconPath
{
    /// <summary>Parses a path expression as used in substitutions and in the getters.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="origin">Where the expression starts, for errors.</param>
    /// <returns>The path elements.</returns>
    public static string[] Parse(string text, HoconOrigin origin)
    {
        var elements = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            throw new HoconException(origin, HoconMessages.EmptyPath());
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c == '"')
            {
                i = ReadQuoted(trimmed, i, current, origin);
                quoted = true;
            }
            else if (c == '.')
            {
                Finish(elements, current, quoted, text, origin);
                quoted = false;
            }
            else if (HoconCharacters.IsForbidden(c))
            {
                throw new HoconException(origin, HoconMessages.NotAllowedInPath(c, text));
            }
            else
            {
                current.Append(c);
            }
        }

        Finish(elements, current, quoted, text, origin);
        return [.. elements];
    }

    /// <summary>Renders path elements as a path expression, quoting the elements that need it.</summary>
    /// <param name="path">The elements.</param>
    /// <returns>The expression, e.g. <c>a."b.c"</c>.</returns>
    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(RenderElement));

    /// <summary>Quotes an element when it is empty or holds characters that would change its meaning.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The element, quoted if needed.</returns>
    private static string RenderElement(string element)
    {
        var plain = element.Length > 0 && element.All(c => c != '.' && !HoconCharacters.IsForbidden(c) && !HoconCharacters.IsWhitespace(c));
        return plain ? element : "\"" + element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Reads a quoted element starting at the opening quote.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="start">The index of the opening quote.</param>
    /// <param name="into">Receives the decoded text.</param>
    /// <param name="origin">Where the expression starts, for errors.</param>
    /// <returns>The index of the closing quote.</returns>
    private static int ReadQuoted(ReadOnlySpan<char> text, int start, StringBuilder into, HoconOrigin origin)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                into.Append(text[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    var other => other,
                });
                continue;
            }

            into.Append(c);
        }

        throw new HoconException(origin, HoconMessages.UnclosedQuoteInPath(text.ToString()));
    }

    /// <summary>Ends the current element, rejecting empty unquoted ones such as in <c>a..b</c>.</summary>
    /// <param name="elements">The elements so far.</param>
    /// <param name="current">The element being built; cleared.</param>
    /// <param name="quoted">Whether any part of it was quoted (then empty is allowed).</param>
    /// <param name="text">The whole expression, for errors.</param>
    /// <param name="origin">Where the expression starts, for errors.</param>
    private static void Finish(List<string> elements, StringBuilder current, bool quoted, string text, HoconOrigin origin)
    {
        if (current.Length == 0 && !quoted)
        {
            throw new HoconException(origin, HoconMessages.EmptyPathElement(text));
        }

        elements.Add(current.ToString());
        current.Clear();
    }
}
