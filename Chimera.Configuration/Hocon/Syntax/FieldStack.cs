namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>
/// Every definition of one key in one object, oldest first. Keeping the overridden definitions lets
/// a self-referential field see the value it replaces, and lets later objects merge over earlier ones.
/// </summary>
internal sealed class FieldStack
{
    /// <summary>The definitions, oldest first.</summary>
    private readonly List<SyntaxNode> layers = [];

    /// <summary>Creates an empty stack for the field at <paramref name="path"/>.</summary>
    /// <param name="path">The field's full path, for messages.</param>
    public FieldStack(IReadOnlyList<string> path) => Path = path;

    /// <summary>The field's full path, for messages.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The definitions, oldest first.</summary>
    public IReadOnlyList<SyntaxNode> Layers => layers;

    /// <summary>
    /// Adds a definition. Two object literals in a row merge at once (their fields stack up), which is
    /// what the specification's merge rule gives and keeps lookups of <c>a.b</c> from resolving all of <c>a</c>.
    /// </summary>
    /// <param name="node">The new definition.</param>
    public void Add(SyntaxNode node)
    {
        if (node is ObjectNode incoming && layers.Count > 0 && layers[^1] is ObjectNode top)
        {
            top.MergeFrom(incoming);
            return;
        }

        layers.Add(node);
    }
}
