using Chimera.Configuration.Hocon.Includes;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Parsing;

/// <summary><c>include</c> statements.</summary>
internal sealed partial class HoconParser
{
    /// <summary>
    /// Whether an include statement starts here: the specification reserves an unquoted <c>include</c> at the
    /// start of a key (quote it, <c>"include"</c>, to use it as a key).
    /// </summary>
    /// <returns>Whether an include starts here.</returns>
    private bool IsIncludeStart() => Current is { Kind: TokenKind.Unquoted, Text: "include" };

    /// <summary>Parses an include statement and merges the included object at this point.</summary>
    /// <param name="target">The object the include is written in.</param>
    /// <param name="path">That object's path relative to this file's root.</param>
    /// <returns>Always <see langword="null"/>: an include defines no single field.</returns>
    private List<string>? ParseInclude(ObjectNode target, IReadOnlyList<string> path)
    {
        var keyword = Next();
        SkipWhitespaceAndNewlines();
        var pieces = new List<Token>();
        while (Current.Kind is not (TokenKind.Newline or TokenKind.Comma or TokenKind.CloseBrace or TokenKind.End))
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    break;
                case TokenKind.QuotedString:
                    pieces.Add(token);
                    break;
                case TokenKind.Unquoted:
                    SplitWords(token, pieces);
                    break;
                default:
                    throw Error(token, HoconMessages.ExpectedIncludeResource(token.Describe()));
            }
        }

        var position = 0;
        var spec = ParseIncludeSpec(pieces, ref position, keyword, allowRequired: true);
        if (position < pieces.Count)
        {
            throw Error(pieces[position], HoconMessages.ExpectedIncludeEnd(pieces[position].Describe()));
        }

        var included = IncludeLoader.Load(spec, directory, [.. prefix, .. path], context);
        if (included is not null)
        {
            target.MergeFrom(included);
        }

        return null;
    }

    /// <summary>Splits unquoted include syntax such as <c>required(file(</c> into words and parentheses.</summary>
    /// <param name="token">The unquoted token.</param>
    /// <param name="into">Receives one token per word or parenthesis.</param>
    private static void SplitWords(Token token, List<Token> into)
    {
        var text = token.Text;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('(' or ')'))
            {
                continue;
            }

            var origin = token.Origin with { Column = token.Origin.Column + start };
            if (i > start)
            {
                into.Add(new Token(TokenKind.Unquoted, text[start..i], origin));
            }

            if (i < text.Length)
            {
                into.Add(new Token(TokenKind.Unquoted, text[i].ToString(), token.Origin with { Column = token.Origin.Column + i }));
            }

            start = i + 1;
        }
    }

    /// <summary>Parses <c>"name"</c>, <c>kind("name")</c> or <c>required(kind("name"))</c>.</summary>
    /// <param name="pieces">The statement's words, parentheses and quoted names.</param>
    /// <param name="position">The next piece; advanced.</param>
    /// <param name="keyword">The <c>include</c> token, for errors at the end of the statement.</param>
    /// <param name="allowRequired">Whether <c>required(...)</c> may appear here (it does not nest).</param>
    /// <returns>The include.</returns>
    private static IncludeSpec ParseIncludeSpec(List<Token> pieces, ref int position, Token keyword, bool allowRequired)
    {
        var first = Take(pieces, ref position, keyword, HoconMessages.IncludeForms);
        if (first.Kind == TokenKind.QuotedString)
        {
            return new IncludeSpec(IncludeKind.Heuristic, first.Text, Required: false, keyword.Origin);
        }

        if (first.Text == "required" && allowRequired)
        {
            Expect(pieces, ref position, keyword, "(");
            var inner = ParseIncludeSpec(pieces, ref position, keyword, allowRequired: false);
            Expect(pieces, ref position, keyword, ")");
            return inner with { Required = true };
        }

        IncludeKind? kind = first.Text switch
        {
            "file" => IncludeKind.File,
            "url" => IncludeKind.Url,
            "classpath" => IncludeKind.Classpath,
            _ => null,
        };
        if (kind is null)
        {
            throw Error(first, HoconMessages.ExpectedIncludeForm(insideRequired: !allowRequired, first.Describe()));
        }

        Expect(pieces, ref position, keyword, "(");
        var name = Take(pieces, ref position, keyword, "a quoted name");
        if (name.Kind != TokenKind.QuotedString)
        {
            throw Error(name, HoconMessages.ExpectedQuotedIncludeName(first.Text, name.Describe()));
        }

        Expect(pieces, ref position, keyword, ")");
        return new IncludeSpec(kind.Value, name.Text, Required: false, keyword.Origin);
    }

    /// <summary>Takes the next piece, failing at the end of the statement.</summary>
    /// <param name="pieces">The pieces.</param>
    /// <param name="position">The next piece; advanced.</param>
    /// <param name="keyword">The <c>include</c> token, for errors.</param>
    /// <param name="expected">What was expected, for errors.</param>
    /// <returns>The piece.</returns>
    private static Token Take(List<Token> pieces, ref int position, Token keyword, string expected) =>
        position < pieces.Count
            ? pieces[position++]
            : throw Error(keyword, HoconMessages.IncompleteInclude(expected));

    /// <summary>Takes a parenthesis, failing if something else is there.</summary>
    /// <param name="pieces">The pieces.</param>
    /// <param name="position">The next piece; advanced.</param>
    /// <param name="keyword">The <c>include</c> token, for errors.</param>
    /// <param name="text">The parenthesis expected.</param>
    private static void Expect(List<Token> pieces, ref int position, Token keyword, string text)
    {
        var piece = Take(pieces, ref position, keyword, $"'{text}'");
        if (piece.Kind != TokenKind.Unquoted || piece.Text != text)
        {
            throw Error(piece, HoconMessages.ExpectedIncludeParenthesis(text, piece.Describe()));
        }
    }
}
