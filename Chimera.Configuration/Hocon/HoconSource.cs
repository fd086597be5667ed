using Chimera.Configuration.Hocon.Parsing;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon;

/// <summary>
/// One document of a config: kept as text (or as a resolved object) so that <see cref="HoconConfig.WithFallback"/>
/// can merge the documents before resolving, and substitutions may refer to keys only the fallback sets.
/// </summary>
/// <param name="Text">The HOCON text, or <see langword="null"/> when <paramref name="Resolved"/> is given.</param>
/// <param name="File">The file name used in origins.</param>
/// <param name="Directory">The folder relative includes resolve against.</param>
/// <param name="Resolved">An already resolved object (from <see cref="HoconConfig.GetConfig"/>).</param>
internal sealed record HoconSource(string? Text, string File, string? Directory, HoconObject? Resolved)
{
    /// <summary>Parses the document into a fresh syntax tree (trees are merged in place, so never shared).</summary>
    /// <param name="options">The parse options.</param>
    /// <returns>The root object.</returns>
    public ObjectNode Parse(HoconConfigOptions options) =>
        Resolved is { } resolved
            ? (ObjectNode)LiteralSyntax.FromValue(resolved, [])
            : HoconParser.Parse(Text ?? string.Empty, File, Directory, [], new ParseContext(options));
}
