using Microsoft.Extensions.Configuration;

namespace Chimera.Configuration.Provider;

/// <summary>Loads a HOCON file into configuration keys.</summary>
internal sealed class HoconFileConfigurationProvider : FileConfigurationProvider
{
    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source it loads.</param>
    public HoconFileConfigurationProvider(HoconFileConfigurationSource source)
        : base(source)
    {
    }

    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();

        // The physical path lets relative includes resolve against the file's own folder.
        var name = Source.FileProvider?.GetFileInfo(Source.Path ?? string.Empty).PhysicalPath ?? Source.Path;
        var config = HoconConfig.ParseString(text, name, ((HoconFileConfigurationSource)Source).HoconOptions);
        Data = HoconKeyFlattener.Flatten(config.Root);
    }
}
