namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>What a scalar token was, which decides both its resolved type and how it concatenates.</summary>
internal enum ScalarKind
{
    /// <summary>A quoted or triple-quoted string.</summary>
    QuotedString,

    /// <summary>An unquoted string.</summary>
    UnquotedString,

    /// <summary>Unquoted whitespace between two parts of a concatenation, dropped between non-strings.</summary>
    Whitespace,

    /// <summary>A number literal.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}
