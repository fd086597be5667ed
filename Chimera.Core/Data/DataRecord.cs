namespace Chimera;

/// <summary>
/// One named value inside a <see cref="DataChunk"/>, with its content type and the time it was added.
/// </summary>
/// <param name="Name">The record's name, unique within its chunk.</param>
/// <param name="Value">The value; <see langword="null"/> is allowed.</param>
/// <param name="ContentType">What kind of data the value is; picks the codec and the recorder.</param>
/// <param name="Created">When the record was added, in the cluster's timeline.</param>
/// <param name="Options">Per-record encoding options, for example <c>quality=75</c> or <c>codec=png</c> for an image.</param>
public sealed record DataRecord(
    string Name,
    object? Value,
    ContentType ContentType,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string>? Options = null);
