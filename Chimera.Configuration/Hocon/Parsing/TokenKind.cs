namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>The kinds of HOCON tokens.</summary>
internal enum TokenKind
{
    /// <summary><c>{</c>.</summary>
    OpenBrace,

    /// <summary><c>}</c>.</summary>
    CloseBrace,

    /// <summary><c>[</c>.</summary>
    OpenBracket,

    /// <summary><c>]</c>.</summary>
    CloseBracket,

    /// <summary><c>,</c>.</summary>
    Comma,

    /// <summary><c>:</c>.</summary>
    Colon,

    /// <summary><c>=</c>.</summary>
    Equals,

    /// <summary><c>+=</c>.</summary>
    PlusEquals,

    /// <summary>A line feed, which separates fields and elements like a comma.</summary>
    Newline,

    /// <summary>A run of whitespace within a line, kept because concatenations preserve it.</summary>
    Whitespace,

    /// <summary>A quoted or triple-quoted string (text decoded).</summary>
    QuotedString,

    /// <summary>Unquoted text: a string, number, boolean or null depending on its content.</summary>
    Unquoted,

    /// <summary><c>${path}</c> or <c>${?path}</c> (text is the path expression).</summary>
    Substitution,

    /// <summary>The end of the input.</summary>
    End,
}
