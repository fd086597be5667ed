using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chimera;

/// <summary>
/// Turns a node into its configuration JSON (its public read/write properties) and back into a new instance, which is
/// how a node built on the manager is rebuilt on a worker, and how parallel and restarted instances are made.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>The serializer settings used for node configuration: property names as declared, matched case-insensitively on read, enums as names.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Serializes a node's configuration.</summary>
    /// <exception cref="InvalidOperationException">The node's type cannot be rebuilt (abstract, not public, or no public parameterless constructor).</exception>
    public static string Serialize(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var type = node.GetType();
        CheckConstructible(type, node.Name);
        try
        {
            return JsonSerializer.Serialize(node, type, JsonOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            throw new InvalidOperationException(
                $"Node '{node.Name}' ({type.FullName}) has configuration that cannot be written as JSON: {ex.Message} Make the property serializable or mark it [JsonIgnore].", ex);
        }
    }

    /// <summary>Creates a new node of <paramref name="type"/> from its configuration JSON and names it.</summary>
    /// <exception cref="InvalidOperationException">The type is not a node, cannot be created, or the configuration does not fit it.</exception>
    public static Node Create(Type type, string configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(Node).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"Node '{name}': type {type.FullName} does not derive from Chimera.Node.");
        }

        CheckConstructible(type, name);
        Node? node;
        try
        {
            node = (Node?)JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(configuration) ? "{}" : configuration, type, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Node '{name}' ({type.FullName}): the configuration does not fit the node's properties: {ex.Message}", ex);
        }

        if (node is null)
        {
            throw new InvalidOperationException($"Node '{name}' ({type.FullName}): the configuration is 'null'.");
        }

        node.Name = name;
        return node;
    }

    /// <summary>Finds a node type by full name in an assembly of the given name, looking at loaded assemblies first.</summary>
    /// <exception cref="InvalidOperationException">No such assembly or type can be found.</exception>
    public static Type ResolveType(string typeName, string assemblyName, string nodeName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName);
        if (assembly is null)
        {
            try
            {
                assembly = Assembly.Load(new AssemblyName(assemblyName));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new InvalidOperationException(
                    $"Node '{nodeName}': assembly '{assemblyName}' holding type {typeName} cannot be loaded on this worker: {ex.Message}", ex);
            }
        }

        return assembly.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"Node '{nodeName}': assembly '{assemblyName}' has no type {typeName}.");
    }

    private static void CheckConstructible(Type type, string name)
    {
        if (type.IsAbstract || !(type.IsPublic || type.IsNestedPublic) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException(
                $"Node '{name}' ({type.FullName}) cannot be rebuilt on a worker: a node type must be public, not abstract, and have a public parameterless constructor.");
        }
    }
}
