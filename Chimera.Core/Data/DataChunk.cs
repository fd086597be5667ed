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
public sealed partial class DataChunk
{
    /// <summary>The record name used when a node returns a plain value instead of a chunk.</summary>
    public const string DefaultRecordName = "default";

    /// <summary>From this many records on, a name index replaces the linear search.</summary>
    private const int IndexThreshold = 8;

    /// <summary>
    /// The only record while the chunk has at most one (null before the first). Most chunks hold one record, so it is
    /// kept in a field: an array for it cost every element an allocation of its own on the hot path.
    /// </summary>
    private DataRecord _single = null!;

    /// <summary>
    /// The records in insertion order once there are two or more (a replaced record keeps its place, as in a
    /// dictionary without removals); <see langword="null"/> until then.
    /// </summary>
    private DataRecord[]? _records;

    /// <summary>How many records the chunk holds.</summary>
    private int _count;

    /// <summary>Name → position, built once the chunk has <see cref="IndexThreshold"/> records.</summary>
    private Dictionary<string, int>? _index;

    /// <summary>Bumped by every add or replace, so an enumeration of <see cref="Records"/> notices a change under it.</summary>
    private int _version;

    /// <summary>The read-only dictionary view behind <see cref="Records"/>, made on first use.</summary>
    private RecordView? _view;

    private volatile bool _frozen;

    /// <summary>
    /// Whether a record holds an <see cref="Media.ImageFrame"/>: the runtime holds and releases the frames of every
    /// element that passes an edge, and most elements have none, so it skips them without reading their records.
    /// </summary>
    private bool _hasFrames;

    // Transmitted and Received as UTC ticks plus one (0: none) and the offset in minutes: two DateTimeOffset? fields
    // take 48 bytes, these 20, and a chunk is allocated for every element of every edge.

    /// <summary>UTC ticks of <see cref="Transmitted"/> plus one; 0 when it is not set.</summary>
    private long _transmittedTicks;

    /// <summary>UTC ticks of <see cref="Received"/> plus one; 0 when it is not set.</summary>
    private long _receivedTicks;

    /// <summary>The offset of <see cref="Transmitted"/> in minutes (offsets are whole minutes within ±14 hours).</summary>
    private short _transmittedOffset;

    /// <summary>The offset of <see cref="Received"/> in minutes.</summary>
    private short _receivedOffset;

    /// <summary>Creates an empty chunk stamped with the current UTC time.</summary>
    public DataChunk()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Creates an empty chunk stamped with the given creation time.</summary>
    public DataChunk(DateTimeOffset created)
    {
        Created = created;
    }

    /// <summary>Wraps one value as a chunk under the record name <c>default</c>.</summary>
    /// <remarks>The chunk and its record share one creation time (one clock read instead of two: this runs for every plain value a node publishes).</remarks>
    public static DataChunk Of(object? value, ContentType? contentType = null) =>
        Of(value, DateTimeOffset.UtcNow, contentType);

    /// <summary>Wraps one value as a chunk under the record name <c>default</c>, created at <paramref name="created"/>.</summary>
    /// <remarks>
    /// The runtime wraps what a node returns with its worker's cluster clock, so that chunks made on different machines
    /// share one timeline, as <see cref="Transmitted"/> and <see cref="Received"/> do.
    /// </remarks>
    internal static DataChunk Of(object? value, DateTimeOffset created, ContentType? contentType = null)
    {
        var chunk = new DataChunk(created);
        chunk.Set(new DataRecord(DefaultRecordName, value, contentType ?? ContentTypes.Infer(value), created));
        return chunk;
    }

    /// <summary>
    /// When the chunk was created. Chunks the runtime makes from a node's plain return value are stamped with the
    /// worker's cluster clock (the manager's timeline); a node building its own chunk should pass
    /// <c>Context.Now</c> for the same.
    /// </summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>When the chunk was written to a cross-process edge, or <see langword="null"/> if it never was.</summary>
    public DateTimeOffset? Transmitted
    {
        get => TimeOf(_transmittedTicks, _transmittedOffset);
        set => (_transmittedTicks, _transmittedOffset) = PartsOf(value);
    }

    /// <summary>When the chunk arrived from a cross-process edge, or <see langword="null"/> if it never crossed one.</summary>
    public DateTimeOffset? Received
    {
        get => TimeOf(_receivedTicks, _receivedOffset);
        set => (_receivedTicks, _receivedOffset) = PartsOf(value);
    }

    /// <summary>The records by name, in the order they were first added.</summary>
    public IReadOnlyDictionary<string, DataRecord> Records => _view ??= new RecordView(this);

    /// <summary>The number of records.</summary>
    public int Count => _count;

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
        Set(new DataRecord(name, value, contentType ?? ContentTypes.Infer(value), DateTimeOffset.UtcNow, options));
        return this;
    }

    /// <summary>Adds or replaces a complete record (used by codecs that restore timestamps and options).</summary>
    public DataChunk Add(DataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfFrozen();
        Set(record);
        return this;
    }

    /// <summary>Returns a new, unfrozen chunk with the same records and timestamps plus one more record.</summary>
    public DataChunk With(string name, object? value, ContentType? contentType = null)
    {
        var copy = new DataChunk(Created) { Transmitted = Transmitted, Received = Received };
        foreach (var record in RecordSpan)
        {
            copy.Set(record);
        }

        return copy.Add(name, value, contentType);
    }

    /// <summary>Whether a record with this name exists.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Returns the record with the given name.</summary>
    /// <exception cref="DataChunkException">The chunk has no record of that name.</exception>
    public DataRecord GetRecord(string name = DefaultRecordName)
    {
        if (TryGetRecord(name, out var record))
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
        if (TryGetRecord(name, out var record) && record.Value is T typed)
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

    /// <summary>Whether any record's value is an <see cref="Media.ImageFrame"/>.</summary>
    internal bool HasFrames => _hasFrames;

    /// <summary>The records in insertion order, for the wire codec to walk without allocating an enumerator.</summary>
    internal ReadOnlySpan<DataRecord> RecordSpan => _records is not null
        ? _records.AsSpan(0, _count)
        : new ReadOnlySpan<DataRecord>(in _single)[.._count];

    /// <summary>The record at <paramref name="position"/> (below <see cref="_count"/>).</summary>
    private DataRecord RecordAt(int position) => _records is not null ? _records[position] : _single;

    /// <summary>The time stored as <paramref name="ticksPlusOne"/> and <paramref name="offsetMinutes"/>, or <see langword="null"/>.</summary>
    private static DateTimeOffset? TimeOf(long ticksPlusOne, short offsetMinutes) => ticksPlusOne == 0
        ? null
        : new DateTimeOffset(ticksPlusOne - 1, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>How <paramref name="time"/> is stored: UTC ticks plus one (0 for none) and the offset in minutes.</summary>
    private static (long TicksPlusOne, short OffsetMinutes) PartsOf(DateTimeOffset? time) =>
        time is { } value ? (value.UtcTicks + 1, (short)value.TotalOffsetMinutes) : (0, 0);

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new DataChunkException(
                "This chunk was already published and may be shared by several nodes, so it cannot change. Use chunk.With(...) or a new DataChunk.");
        }
    }

    private string DescribeRecords() =>
        _count == 0
            ? "no records"
            : string.Join(", ", RecordSpan.ToArray().Select(r => $"{r.Name} ({r.ContentType}, {r.Value?.GetType().Name ?? "null"})"));

    /// <summary>Adds a record, or replaces the one of the same name in its place.</summary>
    private void Set(DataRecord record)
    {
        _version++;
        var at = IndexOf(record.Name);
        if (at >= 0)
        {
            if (_records is not null)
            {
                _records[at] = record;
            }
            else
            {
                _single = record;
            }

            _hasFrames = false;
            foreach (var kept in RecordSpan)
            {
                _hasFrames |= kept.Value is Media.ImageFrame;
            }

            return;
        }

        _hasFrames |= record.Value is Media.ImageFrame;
        if (_count == 0)
        {
            _single = record;
            _count = 1;
            return;
        }

        if (_records is null)
        {
            _records = new DataRecord[4];
            _records[0] = _single;
            _single = null!;
        }
        else if (_count == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        _records[_count] = record;
        if (_index is not null)
        {
            _index[record.Name] = _count;
        }
        else if (_count + 1 == IndexThreshold)
        {
            _index = new Dictionary<string, int>(IndexThreshold * 2, StringComparer.Ordinal);
            for (var i = 0; i <= _count; i++)
            {
                _index[_records![i].Name] = i;
            }
        }

        _count++;
    }

    /// <summary>The position of the record named <paramref name="name"/>, or -1.</summary>
    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var at) ? at : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(RecordAt(i).Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Throws the dictionary's "collection was modified" error when the records changed since <paramref name="version"/>.</summary>
    private void ThrowIfChanged(int version)
    {
        if (version != _version)
        {
            throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
        }
    }

    /// <summary>Looks a record up by name.</summary>
    private bool TryGetRecord(string name, [MaybeNullWhen(false)] out DataRecord record)
    {
        var at = IndexOf(name);
        record = at >= 0 ? RecordAt(at) : null;
        return record is not null;
    }
}
