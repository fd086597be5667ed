namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>A <c>${path}</c> or <c>${?path}</c> reference, looked up against the root after parsing.</summary>
internal sealed class SubstitutionNode : SyntaxNode
{
    /// <summary>Creates a substitution.</summary>
    /// <param name="path">The path elements as written.</param>
    /// <param name="optional">Whether it was written <c>${?path}</c>.</param>
    /// <param name="prefix">The path of the include point when written in an included file; empty otherwise.</param>
    /// <param name="fallbackToRoot">Whether, under an include point, the unprefixed path is tried too.</param>
    /// <param name="origin">Where the substitution was written.</param>
    public SubstitutionNode(IReadOnlyList<string> path, bool optional, IReadOnlyList<string> prefix, bool fallbackToRoot, HoconOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        Prefix = prefix;
        FallbackToRoot = fallbackToRoot;
    }

    /// <summary>The path elements as written.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>Whether a missing value is allowed (<c>${?path}</c>).</summary>
    public bool Optional { get; }

    /// <summary>The include point's path, tried first so included files can refer to their own keys.</summary>
    public IReadOnlyList<string> Prefix { get; }

    /// <summary>Whether the unprefixed path is tried when the prefixed one is missing.</summary>
    public bool FallbackToRoot { get; }

    /// <summary>The substitution as it would be written, for messages.</summary>
    public string Display => $"${{{(Optional ? "?" : string.Empty)}{HoconPath.Render(Path)}}}";
}
