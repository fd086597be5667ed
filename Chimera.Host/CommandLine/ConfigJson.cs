using Chimera.Configuration;
using Chimera.Configuration.Hocon.Json;

namespace Chimera.Host.CommandLine;

/// <summary>Writes resolved HOCON as JSON for people: indented, with secrets redacted.</summary>
internal static class ConfigJson
{
    /// <summary>Renders a value as indented JSON with secret keys redacted.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(HoconValue value) => HoconJsonWriter.Write(value, indented: true, SecretRedaction.IsSecret);
}
