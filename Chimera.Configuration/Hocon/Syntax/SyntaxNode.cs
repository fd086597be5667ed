namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>
/// A value as parsed, before substitutions are resolved; resolution needs the whole tree first
/// because substitutions may refer forward.
/// </summary>
internal abstract class SyntaxNode
{
    /// <summary>Records where the node was written.</summary>
    /// <param name="origin">Where the node starts in the source.</param>
    protected SyntaxNode(HoconOrigin origin) => Origin = origin;

    /// <summary>Where the node starts in the source.</summary>
    public HoconOrigin Origin { get; }
}
