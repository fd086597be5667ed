using Microsoft.Extensions.Configuration;

namespace Chimera.Configuration.Provider;

/// <summary>Loads HOCON text into configuration keys.</summary>
/// <param name="text">The HOCON text.</param>
/// <param name="name">The name used in error messages.</param>
/// <param name="options">The parse options, or <see langword="null"/> for the defaults.</param>
internal sealed class HoconStringConfigurationProvider(string text, string? name, HoconConfigOptions? options) : ConfigurationProvider
{
    /// <inheritdoc />
    public override void Load() => Data = HoconKeyFlattener.Flatten(HoconConfig.ParseString(text, name, options).Root);
}
