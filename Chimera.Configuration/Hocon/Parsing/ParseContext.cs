namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>State shared by a document and the files it includes.</summary>
internal sealed class ParseContext
{
    /// <summary>How deep includes may nest before it is treated as a runaway.</summary>
    public const int MaxIncludeDepth = 50;

    /// <summary>Creates the context for one document.</summary>
    /// <param name="options">The parse options.</param>
    public ParseContext(HoconConfigOptions options) => Options = options;

    /// <summary>The parse options.</summary>
    public HoconConfigOptions Options { get; }

    /// <summary>The full paths of the files being included, outermost first, to detect include cycles.</summary>
    public List<string> IncludeChain { get; } = [];
}
