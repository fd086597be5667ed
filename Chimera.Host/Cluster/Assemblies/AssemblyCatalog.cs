using System.Reflection;
using System.Runtime.InteropServices;
using Chimera.Cluster.Protocol;

namespace Chimera.Cluster.Assemblies;

/// <summary>
/// Finds the assemblies a commit must ship: the assembly of each node type and its non-framework dependencies,
/// except Chimera's own (every worker has those). Each is named by the SHA-256 of its file.
/// </summary>
internal static class AssemblyCatalog
{
    private static readonly HashSet<string> s_builtIn = new(StringComparer.OrdinalIgnoreCase)
    {
        "Chimera.Core", "Chimera.Nodes", "Chimera.Configuration", "chimera",
    };

    public static bool IsShippable(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? string.Empty;
        if (s_builtIn.Contains(name) || assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return false;
        }

        // Framework assemblies live under the runtime's shared folders.
        var frameworkRoot = Path.GetDirectoryName(Path.GetDirectoryName(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar)))!;
        return !assembly.Location.StartsWith(frameworkRoot, StringComparison.Ordinal);
    }

    /// <summary>The shippable closure of the given types' assemblies, dependencies first.</summary>
    public static IReadOnlyList<(AssemblyRef Ref, string Path)> For(IEnumerable<Assembly> roots)
    {
        var result = new List<(AssemblyRef, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Visit(Assembly assembly)
        {
            if (!IsShippable(assembly) || !seen.Add(assembly.GetName().Name!))
            {
                return;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Assembly dependency;
                try
                {
                    // Resolve through the context that loaded the node's assembly (the CLI loads pipeline assemblies into their own).
                    dependency = (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly) ?? System.Runtime.Loader.AssemblyLoadContext.Default).LoadFromAssemblyName(reference);
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    continue;
                }

                Visit(dependency);
            }

            var content = File.ReadAllBytes(assembly.Location);
            result.Add((new AssemblyRef(assembly.GetName().Name!, AssemblyStore.Hash(content), content.LongLength), assembly.Location));
        }

        foreach (var root in roots)
        {
            Visit(root);
        }

        return result;
    }
}
