namespace Chimera.Configuration.Hocon.Syntax;

/// <summary>An object literal (or the root): keys mapped to the stack of their definitions.</summary>
internal sealed class ObjectNode : SyntaxNode
{
    /// <summary>The fields by key.</summary>
    private readonly Dictionary<string, FieldStack> fields = new(StringComparer.Ordinal);

    /// <summary>The keys in the order they were first defined.</summary>
    private readonly List<string> keys = [];

    /// <summary>Creates an empty object literal.</summary>
    /// <param name="path">The object's full path, for messages.</param>
    /// <param name="origin">Where the object starts.</param>
    public ObjectNode(IReadOnlyList<string> path, HoconOrigin origin)
        : base(origin) => Path = path;

    /// <summary>The object's full path, for messages.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The keys in the order they were first defined.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>The definitions of <paramref name="key"/>.</summary>
    /// <param name="key">A key from <see cref="Keys"/>.</param>
    public FieldStack this[string key] => fields[key];

    /// <summary>Finds the definitions of a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="stack">The definitions when found.</param>
    /// <returns>Whether the key is defined.</returns>
    public bool TryGetField(string key, out FieldStack stack) => fields.TryGetValue(key, out stack!);

    /// <summary>Adds a definition of <paramref name="key"/> on top of the earlier ones.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new definition.</param>
    public void Add(string key, SyntaxNode value)
    {
        if (!fields.TryGetValue(key, out var stack))
        {
            stack = new FieldStack([.. Path, key]);
            fields.Add(key, stack);
            keys.Add(key);
        }

        stack.Add(value);
    }

    /// <summary>Merges a later object literal into this one, as duplicate keys and includes require.</summary>
    /// <param name="later">The object written later, whose definitions win.</param>
    public void MergeFrom(ObjectNode later)
    {
        foreach (var key in later.Keys)
        {
            foreach (var layer in later[key].Layers)
            {
                Add(key, layer);
            }
        }
    }
}
