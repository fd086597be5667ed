using Chimera.Configuration.Provider;
using Microsoft.Extensions.Configuration;

namespace Chimera.Configuration;

/// <summary>
/// Adds HOCON to Microsoft.Extensions.Configuration. Paths become ':'-separated keys (arrays by index), and
/// kebab-case keys also appear without dashes so <c>buffer-capacity</c> binds to <c>BufferCapacity</c>.
/// </summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file; relative includes in it resolve against its folder.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file's path, relative to the builder's base path.</param>
    /// <param name="optional">Whether a missing file is allowed.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    /// <param name="options">HOCON options (e.g. the environment lookup), or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IConfigurationBuilder AddHoconFile(
        this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false, HoconConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var source = new HoconFileConfigurationSource
        {
            Path = path,
            Optional = optional,
            ReloadOnChange = reloadOnChange,
            HoconOptions = options,
        };
        source.ResolveFileProvider();
        return builder.Add(source);
    }

    /// <summary>Adds HOCON text, e.g. embedded defaults or test input.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="text">The HOCON text.</param>
    /// <param name="name">The name used in error messages.</param>
    /// <param name="options">HOCON options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, string? name = null, HoconConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconStringConfigurationSource(text, name, options));
    }
}
