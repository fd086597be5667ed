using System.Diagnostics.CodeAnalysis;

namespace Chimera;

/// <summary>
/// The unit of data that flows along a graph's edges: a set of named records, each with a value, a content type and
/// a timestamp, plus the times the chunk was created, transmitted and received.
/// </summary>
/// <remarks>
/// A chunk is mutable until a node publishes it; from then on it may be shared by several downstream nodes and any
/// change throws. Build a new chunk (or <see cref="With"/>) to pass something different on.
/// </remarks>
public sealed class DataChunk
{
    /// <summary>The record name used when a node returns a plain value instead of a chunk.</summary>
    public const string DefaultRecordName = "default";

    private readonly Dictionary<string, DataRecord> _records;
    private volatile bool _frozen;

    /// <summary>Creates an empty chunk stamped with the current UTC time.</summary>
    public DataChunk()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Creates an empty chunk stamped with the given creation time.</summary>
    public DataChunk(DateTimeOffset created)
    {
        _records = new Dictionary<string, DataRecord>(1, StringComparer.Ordinal);
        Created = created;
    }

    /// <summary>Wraps one value as a chunk under the record name <c>default</c>.</summary>
    public static DataChunk Of(object? value, ContentType? contentType = null) =>
        new DataChunk().Add(DefaultRecordName, value, contentType);

    /// <summary>When the chunk was created, in the cluster's timeline.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>When the chunk was written to a cross-process edge, or <see langword="null"/> if it never was.</summary>
    public DateTimeOffset? Transmitted { get; set; }

    /// <summary>When the chunk arrived from a cross-process edge, or <see langword="null"/> if it never crossed one.</summary>
    public DateTimeOffset? Received { get; set; }

    /// <summary>The records by name.</summary>
    public IReadOnlyDictionary<string, DataRecord> Records => _records;

    /// <summary>The number of records.</summary>
    public int Count => _records.Count;

    /// <summary>Whether the chunk has been published and can no longer change.</summary>
    public bool IsFrozen => _frozen;

    /// <summary>
    /// Adds or replaces a record. When <paramref name="contentType"/> is omitted it is inferred from the value
    /// (a dictionary of string keys is <see cref="ContentType.Tabular"/>; values registered through
    /// <see cref="ContentTypes.Register"/> get their registered type; everything else is <see cref="ContentType.Other"/>).
    /// </summary>
    /// <returns>This chunk, so calls can be chained.</returns>
    public DataChunk Add(string name, object? value, ContentType? contentType = null, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfFrozen();
        _records[name] = new DataRecord(name, value, contentType ?? ContentTypes.Infer(value), DateTimeOffset.UtcNow, options);
        return this;
    }

    /// <summary>Adds or replaces a complete record (used by codecs that restore timestamps and options).</summary>
    public DataChunk Add(DataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfFrozen();
        _records[record.Name] = record;
        return this;
    }

    /// <summary>Returns a new, unfrozen chunk with the same records and timestamps plus one more record.</summary>
    public DataChunk With(string name, object? value, ContentType? contentType = null)
    {
        var copy = new DataChunk(Created) { Transmitted = Transmitted, Received = Received };
        foreach (var record in _records.Values)
        {
            copy._records[record.Name] = record;
        }

        return copy.Add(name, value, contentType);
    }

    /// <summary>Whether a record with this name exists.</summary>
    public bool Contains(string name) => _records.ContainsKey(name);

    /// <summary>Returns the record with the given name.</summary>
    /// <exception cref="DataChunkException">The chunk has no record of that name.</exception>
    public DataRecord GetRecord(string name = DefaultRecordName)
    {
        if (_records.TryGetValue(name, out var record))
        {
            return record;
        }

        throw new DataChunkException(
            $"The chunk has no record named '{name}'. It has: {DescribeRecords()}.");
    }

    /// <summary>Returns a record's value as <typeparamref name="T"/>.</summary>
    /// <exception cref="DataChunkException">The record is missing, or its value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name = DefaultRecordName)
    {
        var record = GetRecord(name);
        if (record.Value is T typed)
        {
            return typed;
        }

        if (record.Value is null && default(T) is null)
        {
            return default!;
        }

        var actual = record.Value?.GetType().Name ?? "null";
        throw new DataChunkException(
            $"The record '{name}' holds a {actual} ({record.ContentType}), not a {typeof(T).Name}. Ask for Get<{actual}>(\"{name}\") or convert the value upstream.");
    }

    /// <summary>Tries to read a record's value as <typeparamref name="T"/>; never throws.</summary>
    public bool TryGet<T>(string name, [MaybeNullWhen(false)] out T value)
    {
        if (_records.TryGetValue(name, out var record) && record.Value is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"DataChunk({DescribeRecords()})";

    /// <summary>Makes the chunk immutable; the runtime calls this when a node publishes it.</summary>
    internal void Freeze() => _frozen = true;

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new DataChunkException(
                "This chunk was already published and may be shared by several nodes, so it cannot change. Use chunk.With(...) or a new DataChunk.");
        }
    }

    private string DescribeRecords() =>
        _records.Count == 0
            ? "no records"
            : string.Join(", ", _records.Values.Select(r => $"{r.Name} ({r.ContentType}, {r.Value?.GetType().Name ?? "null"})"));
}
