namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>A bracketed array literal.</summary>
internal sealed class ArrayNode : SyntaxNode
{
    /// <summary>Creates an array literal.</summary>
    /// <param name="elements">The elements as parsed.</param>
    /// <param name="origin">Where the opening bracket was written.</param>
    public ArrayNode(IReadOnlyList<SyntaxNode> elements, HoconOrigin origin)
        : base(origin) => Elements = elements;

    /// <summary>The elements as parsed.</summary>
    public IReadOnlyList<SyntaxNode> Elements { get; }
}
