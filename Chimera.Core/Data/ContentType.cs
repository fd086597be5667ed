namespace Chimera;

/// <summary>
/// Says what kind of data a <see cref="DataRecord"/> holds, so the wire codec and the recorders can pick the right
/// encoding (JPEG for images, PCM for audio, rows for tables). The set is open: any lowercase name is a content type.
/// </summary>
public readonly record struct ContentType
{
    /// <summary>Creates a content type with the given name.</summary>
    /// <param name="name">A non-empty name such as <c>image</c> or a name of your own (<c>depth</c>, <c>imu</c>).</param>
    public ContentType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The content type's name, as written in blueprints and recordings.</summary>
    public string Name { get; }

    /// <summary>An image frame; compressed (JPEG by default) when it crosses a process boundary.</summary>
    public static ContentType Image { get; } = new("image");

    /// <summary>A block of audio samples.</summary>
    public static ContentType Audio { get; } = new("audio");

    /// <summary>A tabular row: a dictionary of column name to value, or a plain record type.</summary>
    public static ContentType Tabular { get; } = new("tabular");

    /// <summary>Anything else: primitives, strings, arrays and plain objects (serialized as JSON across processes).</summary>
    public static ContentType Other { get; } = new("other");

    /// <inheritdoc />
    public override string ToString() => Name ?? "other";
}
