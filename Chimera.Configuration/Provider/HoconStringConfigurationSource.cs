using Microsoft.Extensions.Configuration;

namespace Chimera.Configuration.Provider;

/// <summary>HOCON text as a configuration source, for tests and embedded defaults.</summary>
/// <param name="text">The HOCON text.</param>
/// <param name="name">The name used in error messages.</param>
/// <param name="options">The parse options, or <see langword="null"/> for the defaults.</param>
internal sealed class HoconStringConfigurationSource(string text, string? name, HoconConfigOptions? options) : IConfigurationSource
{
    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStringConfigurationProvider(text, name, options);
}
