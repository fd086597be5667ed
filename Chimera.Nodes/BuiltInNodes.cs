namespace Chimera.Nodes;

/// <summary>The built-in nodes by the short names pipelines use (<c>type = Counter</c>).</summary>
public static class BuiltInNodes
{
    private static readonly Dictionary<string, Type> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Counter"] = typeof(Counter),
        ["Random"] = typeof(RandomSource),
        ["Identity"] = typeof(Identity),
        ["TabularRecorder"] = typeof(TabularRecorder),
    };

    /// <summary>Every built-in short name with its type.</summary>
    public static IReadOnlyDictionary<string, Type> Types => s_types;

    /// <summary>Registers another short name (used by the media nodes and by hosts that ship their own).</summary>
    public static void Register(string shortName, Type type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shortName);
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(Node).IsAssignableFrom(type))
        {
            throw new ArgumentException($"Type {type.FullName} is not a Chimera node.", nameof(type));
        }

        s_types[shortName] = type;
    }

    /// <summary>Finds a built-in by short name.</summary>
    public static bool TryGet(string shortName, out Type type) => s_types.TryGetValue(shortName, out type!);
}
