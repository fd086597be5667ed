namespace Chimera.Configuration;

/// <summary>
/// Where a HOCON value or syntax error comes from, so that messages can point the user at the exact spot to fix.
/// </summary>
/// <param name="File">The file name (or the display name given to a parsed string).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct HoconOrigin(string File, int Line, int Column)
{
    /// <summary>Renders the origin the way compilers do, <c>file:line:column</c>, so editors can jump to it.</summary>
    /// <returns>The origin as <c>file:line:column</c>.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
