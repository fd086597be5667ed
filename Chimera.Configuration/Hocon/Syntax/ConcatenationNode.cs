namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>
/// Several values written side by side on one line; what they become (string, array or object)
/// is only known once substitutions are resolved.
/// </summary>
internal sealed class ConcatenationNode : SyntaxNode
{
    /// <summary>Creates a concatenation.</summary>
    /// <param name="parts">The parts in order, including whitespace parts.</param>
    /// <param name="origin">Where the first part was written.</param>
    public ConcatenationNode(IReadOnlyList<SyntaxNode> parts, HoconOrigin origin)
        : base(origin) => Parts = parts;

    /// <summary>The parts in order, including whitespace parts.</summary>
    public IReadOnlyList<SyntaxNode> Parts { get; }

    /// <summary>
    /// Whether a part is itself a substitution, which makes the field potentially self-referential
    /// (substitutions nested in an object or array part do not count, per the specification).
    /// </summary>
    public bool HasDirectSubstitution => Parts.Any(p => p is SubstitutionNode);
}
