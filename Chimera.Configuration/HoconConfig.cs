using Chimera.Configuration.Hocon;
using Chimera.Configuration.Hocon.Json;
using Chimera.Configuration.Hocon.Resolution;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration;

/// <summary>
/// A parsed and resolved HOCON document with typed getters. Paths are HOCON path expressions
/// (<c>chimera.remote."host.name"</c>). Instances are immutable and safe to share between threads.
/// </summary>
public sealed partial class HoconConfig
{
    /// <summary>The documents, lowest priority (fallbacks) first, kept so fallbacks merge before resolution.</summary>
    private readonly IReadOnlyList<HoconSource> sources;

    /// <summary>The options used to parse and resolve.</summary>
    private readonly HoconConfigOptions options;

    /// <summary>The resolved root, computed on first use when resolution was deferred.</summary>
    private readonly Lazy<HoconObject> root;

    /// <summary>
    /// Whether this config was resolved on its own (not deferred); then, as a fallback or with one, it takes part
    /// with its resolved values, as the specification has reference.conf "resolved by itself".
    /// </summary>
    private readonly bool resolvedAlone;

    /// <summary>Creates a config over documents, optionally already resolved.</summary>
    /// <param name="sources">The documents, lowest priority first.</param>
    /// <param name="options">The options.</param>
    /// <param name="resolved">The resolved root, or <see langword="null"/> to resolve on first use.</param>
    private HoconConfig(IReadOnlyList<HoconSource> sources, HoconConfigOptions options, HoconObject? resolved)
    {
        this.sources = sources;
        this.options = options;
        resolvedAlone = resolved is not null;
        root = resolved is not null
            ? new Lazy<HoconObject>(resolved)
            : new Lazy<HoconObject>(() => HoconResolver.Resolve(BuildTree(sources, options), options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An empty config, handy as the start of a fallback chain.</summary>
    public static HoconConfig Empty { get; } =
        new([], HoconConfigOptions.Default, new HoconObject([], new HoconOrigin("<empty>", 1, 1)));

    /// <summary>The resolved root object; resolves first if resolution was deferred.</summary>
    /// <exception cref="HoconException">A substitution cannot be resolved.</exception>
    public HoconObject Root => root.Value;

    /// <summary>Parses and (unless <see cref="HoconConfigOptions.DeferResolution"/>) resolves HOCON text.</summary>
    /// <param name="text">The HOCON (or JSON) text.</param>
    /// <param name="fileName">
    /// The name used in error messages; when it has a folder, relative includes resolve against it.
    /// Defaults to <c>&lt;string&gt;</c>.
    /// </param>
    /// <param name="options">Parse options; defaults read environment variables from the process.</param>
    /// <returns>The config.</returns>
    /// <exception cref="HoconException">The text is not valid HOCON, or a substitution cannot be resolved.</exception>
    public static HoconConfig ParseString(string text, string? fileName = null, HoconConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var directory = fileName is null ? null : Path.GetDirectoryName(fileName);
        return Create(new HoconSource(text, fileName ?? "<string>", string.IsNullOrEmpty(directory) ? null : directory, null), options);
    }

    /// <summary>Reads, parses and (unless deferred) resolves a HOCON file; its includes resolve against its folder.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Parse options.</param>
    /// <returns>The config.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconException">The file is not valid HOCON, or a substitution cannot be resolved.</exception>
    public static HoconConfig ParseFile(string path, HoconConfigOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path);
        return Create(new HoconSource(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), null), options);
    }

    /// <summary>
    /// Returns a config in which keys this config lacks come from <paramref name="fallback"/>; objects merge as
    /// duplicate keys do. A config parsed with <see cref="HoconConfigOptions.DeferResolution"/> merges as unresolved
    /// documents, so its substitutions may refer to the other config's keys and see its overrides; a config that was
    /// resolved on its own merges with its resolved values. The result resolves on first read.
    /// </summary>
    /// <param name="fallback">The config consulted for what this one does not set, e.g. reference.conf.</param>
    /// <returns>The merged config.</returns>
    public HoconConfig WithFallback(HoconConfig fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new HoconConfig([.. fallback.AsSources(), .. AsSources()], options, null);
    }

    /// <summary>Resolves now (if deferred) so that errors surface here rather than at the first read.</summary>
    /// <returns>This config.</returns>
    /// <exception cref="HoconException">A substitution cannot be resolved.</exception>
    public HoconConfig Resolve()
    {
        _ = root.Value;
        return this;
    }

    /// <summary>Writes the resolved document as JSON.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => HoconJsonWriter.Write(Root, indented);

    /// <summary>Renders the resolved document as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => ToJson();

    /// <summary>The documents this config contributes to a merge: its resolved root if it was resolved alone.</summary>
    /// <returns>The documents, lowest priority first.</returns>
    private IReadOnlyList<HoconSource> AsSources() =>
        resolvedAlone ? [new HoconSource(null, Root.Origin.File, null, Root)] : sources;

    /// <summary>Creates a config from one document, parsing now so syntax errors surface at once.</summary>
    /// <param name="source">The document.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The config.</returns>
    private static HoconConfig Create(HoconSource source, HoconConfigOptions? options)
    {
        options ??= HoconConfigOptions.Default;
        var tree = source.Parse(options);
        var resolved = options.DeferResolution ? null : HoconResolver.Resolve(tree, options);
        return new HoconConfig([source], options, resolved);
    }

    /// <summary>Parses every document into one tree, later documents overriding earlier ones.</summary>
    /// <param name="sources">The documents, lowest priority first.</param>
    /// <param name="options">The options.</param>
    /// <returns>The merged tree.</returns>
    private static ObjectNode BuildTree(IReadOnlyList<HoconSource> sources, HoconConfigOptions options)
    {
        var tree = new ObjectNode([], new HoconOrigin(sources.Count > 0 ? sources[^1].File : "<empty>", 1, 1));
        foreach (var source in sources)
        {
            tree.MergeFrom(source.Parse(options));
        }

        return tree;
    }
}
