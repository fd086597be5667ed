namespace Chimera.Configuration.Hocon.Includes;

/// <summary>How an include names its resource.</summary>
internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a URL if it looks like one, otherwise a file next to the including file.</summary>
    Heuristic,

    /// <summary><c>include file("name")</c>.</summary>
    File,

    /// <summary><c>include url("name")</c>.</summary>
    Url,

    /// <summary><c>include classpath("name")</c>.</summary>
    Classpath,
}
