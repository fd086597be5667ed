using System.Reflection;
using System.Runtime.Loader;

namespace Chimera.Pipelines.Internal;

/// <summary>
/// The load context user node assemblies named in pipeline files go into: one per process and never unloaded, so a
/// loaded node type stays reachable for as long as a cluster may ship its assembly to workers. A user assembly's own
/// dependencies are found next to it; Chimera and the framework always come from the default context, so a user's
/// node type derives from the same <see cref="Node"/> as everyone else's.
/// </summary>
internal sealed class PipelineLoadContext : AssemblyLoadContext
{
    /// <summary>The folders that hold loaded user assemblies, searched for their dependencies.</summary>
    private readonly List<string> directories = [];

    /// <summary>Loaded assemblies by full path, so loading a pipeline twice gives the same types.</summary>
    private readonly Dictionary<string, Assembly> byPath = new(StringComparer.Ordinal);

    /// <summary>Creates the context; only <see cref="Shared"/> exists.</summary>
    private PipelineLoadContext()
        : base("chimera-pipelines", isCollectible: false)
    {
    }

    /// <summary>The one context of the process.</summary>
    public static PipelineLoadContext Shared { get; } = new();

    /// <summary>Loads a user assembly from a file, or returns the one already loaded from it or under its name.</summary>
    /// <param name="fullPath">The absolute path of the assembly file.</param>
    /// <returns>The assembly.</returns>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    /// <exception cref="FileLoadException">The file cannot be loaded.</exception>
    public Assembly LoadUserAssembly(string fullPath)
    {
        lock (byPath)
        {
            if (byPath.TryGetValue(fullPath, out var loaded))
            {
                return loaded;
            }

            // An assembly of the same name already in the process (a test project, an earlier pipeline) is reused:
            // two copies of one name would make embedded workers, which look types up by assembly name, ambiguous.
            var name = AssemblyName.GetAssemblyName(fullPath).Name;
            var existing = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && a.GetName().Name == name);
            var directory = Path.GetDirectoryName(fullPath)!;
            if (!directories.Contains(directory))
            {
                directories.Add(directory);
            }

            var assembly = existing ?? LoadFromAssemblyPath(fullPath);
            byPath[fullPath] = assembly;
            return assembly;
        }
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsInDefaultContext(assemblyName))
        {
            return null;
        }

        string[] folders;
        lock (byPath)
        {
            folders = [.. directories];
        }

        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            if (File.Exists(candidate))
            {
                return LoadFromAssemblyPath(candidate);
            }
        }

        return null;
    }

    /// <summary>Whether the default context provides the assembly: already loaded there, or on the app's trusted list.</summary>
    /// <param name="assemblyName">The assembly asked for.</param>
    /// <returns>Whether to defer to the default context.</returns>
    private static bool IsInDefaultContext(AssemblyName assemblyName)
    {
        if (Default.Assemblies.Any(a => string.Equals(a.GetName().Name, assemblyName.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return trusted.Split(Path.PathSeparator).Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), assemblyName.Name, StringComparison.OrdinalIgnoreCase));
    }
}
