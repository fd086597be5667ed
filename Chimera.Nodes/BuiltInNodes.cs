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
        ["TestPatternVideo"] = typeof(TestPatternVideo),
        ["VideoFile"] = typeof(VideoFile),
        ["Camera"] = typeof(Camera),
        ["ScreenCapture"] = typeof(ScreenCapture),
        ["SineAudio"] = typeof(SineAudio),
        ["AudioDevice"] = typeof(AudioDevice),
        ["Grayscale"] = typeof(Grayscale),
        ["Resize"] = typeof(Resize),
        ["VideoRecorder"] = typeof(VideoRecorder),
        ["AudioRecorder"] = typeof(AudioRecorder),
        ["ImageRecorder"] = typeof(ImageRecorder),
        ["Replay"] = typeof(Replay),
    };

    /// <summary>Every built-in short name with its type.</summary>
    public static IReadOnlyDictionary<string, Type> Types => s_types;

    /// <summary>Registers another short name (used by hosts that ship their own nodes).</summary>
    public static void Register(string shortName, Type type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shortName);
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(Node).IsAssignableFrom(type))
        {
            throw new ArgumentException($"Type {type.FullName} is not a Chimera node.", nameof(type));
        }

        lock (s_types)
        {
            s_types[shortName] = type;
        }
    }

    /// <summary>Finds a built-in by short name.</summary>
    public static bool TryGet(string shortName, out Type type)
    {
        lock (s_types)
        {
            return s_types.TryGetValue(shortName, out type!);
        }
    }
}
