using System.Text.RegularExpressions;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>Values: scalars, arrays, objects, substitutions and concatenations.</summary>
internal sealed partial class HoconParser
{
    /// <summary>Parses a value and any values concatenated with it on the same line.</summary>
    /// <param name="path">The field's path relative to this file's root, for messages and nested objects.</param>
    /// <returns>The value, or a concatenation when several parts were written.</returns>
    private SyntaxNode ParseValue(IReadOnlyList<string> path)
    {
        var parts = new List<SyntaxNode>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Unquoted:
                    Next();
                    parts.Add(Classify(token));
                    continue;
                case TokenKind.QuotedString:
                    Next();
                    parts.Add(new ScalarNode(ScalarKind.QuotedString, token.Text, token.Origin));
                    continue;
                case TokenKind.Substitution:
                    Next();
                    var substitutionPath = HoconPath.Parse(token.Text, token.Origin);
                    parts.Add(new SubstitutionNode(substitutionPath, token.Optional, prefix, fallbackToRoot: true, token.Origin));
                    continue;
                case TokenKind.OpenBrace:
                    Next();
                    var obj = new ObjectNode([.. prefix, .. path], token.Origin);
                    ParseObjectBody(obj, path, token);
                    parts.Add(obj);
                    continue;
                case TokenKind.OpenBracket:
                    Next();
                    parts.Add(ParseArray(path, token));
                    continue;
                case TokenKind.Whitespace:
                    Next();
                    if (parts.Count > 0)
                    {
                        parts.Add(new ScalarNode(ScalarKind.Whitespace, token.Text, token.Origin));
                    }

                    continue;
            }

            break;
        }

        while (parts.Count > 0 && parts[^1] is ScalarNode { Kind: ScalarKind.Whitespace })
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts.Count switch
        {
            0 => throw Error(Current, HoconMessages.ExpectedValue(HoconPath.Render([.. prefix, .. path]), Current.Describe())),
            1 => parts[0],
            _ => new ConcatenationNode(parts, parts[0].Origin),
        };
    }

    /// <summary>Parses array elements after the opening bracket.</summary>
    /// <param name="path">The field's path relative to this file's root.</param>
    /// <param name="open">The opening bracket.</param>
    /// <returns>The array literal.</returns>
    private ArrayNode ParseArray(IReadOnlyList<string> path, Token open)
    {
        var elements = new List<SyntaxNode>();
        SkipWhitespaceAndNewlines();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.CloseBracket)
            {
                Next();
                return new ArrayNode(elements, open.Origin);
            }

            if (token.Kind is TokenKind.End or TokenKind.CloseBrace)
            {
                throw Error(token, HoconMessages.UnclosedArray(open.Origin, token.Describe()));
            }

            elements.Add(ParseValue([.. path, elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            SkipWhitespace();
            token = Current;
            if (token.Kind == TokenKind.Comma)
            {
                Next();
                SkipWhitespaceAndNewlines();
            }
            else if (token.Kind == TokenKind.Newline)
            {
                SkipWhitespaceAndNewlines();
            }
            else if (token.Kind == TokenKind.End)
            {
                throw Error(token, HoconMessages.UnclosedArray(open.Origin, token.Describe()));
            }
            else if (token.Kind != TokenKind.CloseBracket)
            {
                throw Error(token, HoconMessages.ExpectedAfterElement(elements.Count - 1, HoconPath.Render([.. prefix, .. path]), token.Describe()));
            }
        }
    }

    /// <summary>Turns unquoted text into a number, boolean, null or string by its whole content.</summary>
    /// <param name="token">The unquoted token.</param>
    /// <returns>The literal.</returns>
    private static ScalarNode Classify(Token token)
    {
        var kind = token.Text switch
        {
            "true" or "false" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            var t when NumberPattern().IsMatch(t) => ScalarKind.Number,
            _ => ScalarKind.UnquotedString,
        };
        return new ScalarNode(kind, token.Text, token.Origin);
    }

    /// <summary>A JSON number, which is what HOCON keeps as a number.</summary>
    /// <returns>The pattern.</returns>
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
