using System.Reflection;
using System.Runtime.Loader;

namespace Chimera.Cluster.Assemblies;

/// <summary>
/// A collectible load context per commit holding the assemblies the manager shipped for it. Anything not shipped
/// (the framework, Chimera itself) resolves from the default context, so node types share Chimera's Node type.
/// Unloaded on reset, so a recommit can bring a new version of the same assembly.
/// </summary>
internal sealed class CommitLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, byte[]> _shipped;

    public CommitLoadContext(string runId, IReadOnlyDictionary<string, byte[]> shippedByName)
        : base("chimera-commit-" + runId, isCollectible: true)
    {
        _shipped = new Dictionary<string, byte[]>(shippedByName, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the commit shipped an assembly of this simple name.</summary>
    public bool Ships(string simpleName) => _shipped.ContainsKey(simpleName);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _shipped.TryGetValue(name, out var bytes))
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return LoadFromStream(stream);
        }

        return null;
    }
}
