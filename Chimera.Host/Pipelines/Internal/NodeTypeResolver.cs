using System.Reflection;
using Chimera.Nodes;

namespace Chimera.Pipelines.Internal;

/// <summary>
/// Finds the .NET type a pipeline's <c>type = ...</c> names: a built-in short name (<c>Counter</c>), a full type name
/// looked up in the pipeline's assemblies and Chimera's, or an assembly-qualified name (<c>My.Node, MyNodes</c>).
/// </summary>
internal sealed class NodeTypeResolver
{
    /// <summary>The pipeline's assemblies first, then Chimera's own.</summary>
    private readonly IReadOnlyList<Assembly> searched;

    /// <summary>Creates a resolver over the pipeline's assemblies.</summary>
    /// <param name="pipelineAssemblies">The assemblies named in <c>pipeline.assemblies</c>.</param>
    public NodeTypeResolver(IReadOnlyList<Assembly> pipelineAssemblies)
    {
        searched = [.. pipelineAssemblies, typeof(Node).Assembly, typeof(BuiltInNodes).Assembly, typeof(NodeTypeResolver).Assembly];
    }

    /// <summary>Looks a type name up.</summary>
    /// <param name="name">The name as written in the file.</param>
    /// <returns>The type, or <see langword="null"/> when nothing matches.</returns>
    public Type? Resolve(string name)
    {
        var trimmed = name.Trim();
        if (!trimmed.Contains('.', StringComparison.Ordinal) && !trimmed.Contains(',', StringComparison.Ordinal)
            && BuiltInNodes.TryGet(trimmed, out var builtIn))
        {
            return builtIn;
        }

        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return searched.Select(a => a.GetType(trimmed, throwOnError: false)).FirstOrDefault(t => t is not null);
        }

        var typeName = trimmed[..comma].Trim();
        var assemblyName = trimmed[(comma + 1)..].Split(',')[0].Trim();

        // The pipeline's and Chimera's assemblies first, then anything already loaded (a host's own nodes).
        var candidates = searched.Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic));
        return candidates
            .Where(a => string.Equals(a.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null);
    }

    /// <summary>The built-in short names, sorted, for the unknown-type message.</summary>
    /// <returns>The names, comma separated.</returns>
    public static string BuiltInNames() => string.Join(", ", BuiltInNodes.Types.Keys.Order(StringComparer.Ordinal));
}
