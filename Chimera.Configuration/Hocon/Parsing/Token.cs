namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>One HOCON token.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The token's text: decoded for quoted strings, the path for substitutions.</param>
/// <param name="Origin">Where the token starts.</param>
/// <param name="Optional">For substitutions, whether it is <c>${?path}</c>.</param>
internal readonly record struct Token(TokenKind Kind, string Text, HoconOrigin Origin, bool Optional = false)
{
    /// <summary>Describes the token for "found ..." in messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the string \"{Text}\"",
        TokenKind.Unquoted => $"'{Text}'",
        TokenKind.Substitution => $"the substitution ${{{(Optional ? "?" : string.Empty)}{Text}}}",
        _ => $"'{Text}'",
    };
}
