using Microsoft.Extensions.Configuration;

namespace Chimera.Configuration.Provider;

/// <summary>A HOCON file as a configuration source, with the file-provider plumbing (optional, reload) of JSON files.</summary>
internal sealed class HoconFileConfigurationSource : FileConfigurationSource
{
    /// <summary>The parse options (environment lookup), or <see langword="null"/> for the defaults.</summary>
    public HoconConfigOptions? HoconOptions { get; init; }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconFileConfigurationProvider(this);
    }
}
