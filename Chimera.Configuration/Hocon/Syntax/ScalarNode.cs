namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>A literal string, number, boolean, null, or concatenation whitespace.</summary>
internal sealed class ScalarNode : SyntaxNode
{
    /// <summary>Creates a literal.</summary>
    /// <param name="kind">What the literal is.</param>
    /// <param name="text">The literal's text (decoded for quoted strings).</param>
    /// <param name="origin">Where the literal was written.</param>
    public ScalarNode(ScalarKind kind, string text, HoconOrigin origin)
        : base(origin)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>What the literal is.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The literal's text, decoded for quoted strings.</summary>
    public string Text { get; }
}
