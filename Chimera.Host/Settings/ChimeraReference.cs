using Chimera.Configuration;

namespace Chimera.Settings;

/// <summary>
/// Chimera's reference configuration (<c>hocon/reference.conf</c>, embedded in the <c>chimera</c> assembly): every
/// setting with its default. Applications fall back to it, as Akka applications fall back to their reference.conf.
/// </summary>
/// <example>
/// <code>
/// var config = HoconConfig.ParseFile("worker.conf").WithFallback(ChimeraReference.Load());
/// var capacity = config.GetInt("chimera.remote.buffer-capacity");
/// </code>
/// </example>
public static class ChimeraReference
{
    /// <summary>The manifest name the csproj gives the embedded file.</summary>
    internal const string ResourceName = "Chimera.reference.conf";

    /// <summary>The file name errors and origins show for the embedded file.</summary>
    internal const string FileName = "reference.conf";

    /// <summary>The parsed reference, parsed once: it is immutable and every caller wants the same one.</summary>
    private static readonly Lazy<HoconConfig> Parsed = new(() => HoconConfig.ParseString(ReadText(), FileName));

    /// <summary>Returns the reference configuration, resolved on its own.</summary>
    /// <returns>The configuration; a shared, immutable instance.</returns>
    public static HoconConfig Load() => Parsed.Value;

    /// <summary>Returns the text of reference.conf exactly as shipped, comments included.</summary>
    /// <returns>The HOCON text.</returns>
    public static string ReadText()
    {
        using var stream = typeof(ChimeraReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The chimera assembly has no embedded '{ResourceName}'; the build must embed hocon/reference.conf.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
