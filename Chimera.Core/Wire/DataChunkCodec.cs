using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Chimera.Wire;

/// <summary>
/// Turns a <see cref="DataChunk"/> into the payload of a data frame and back. Layout (little-endian):
/// flags (bit 0 transmitted present, bit 1 received present), created, [transmitted], [received] as UTC ticks;
/// record count; then per record: name, content type name, created ticks, option count and key/value pairs, codec
/// tag, payload length, payload. Strings are a uint32 byte length then UTF-8; every length and count is capped by
/// <see cref="WireSettings"/>.
/// </summary>
/// <remarks>Timestamps travel as UTC instants: a chunk's <see cref="DataChunk.Created"/> arrives with offset zero
/// (the same instant, so it compares equal). Stateless apart from its settings and registry, so one instance may be
/// shared by every connection.</remarks>
internal sealed class DataChunkCodec
{
    /// <summary>Flag bit: the transmitted timestamp follows.</summary>
    private const byte HasTransmitted = 1;

    /// <summary>Flag bit: the received timestamp follows.</summary>
    private const byte HasReceived = 2;

    /// <summary>What errors call a chunk payload.</summary>
    private const string ChunkWhat = "chunk";

    /// <summary>What errors call a batch payload.</summary>
    private const string BatchWhat = "batch";

    /// <summary>The caps.</summary>
    private readonly WireSettings _settings;

    /// <summary>The codecs for record values.</summary>
    private readonly ValueCodecRegistry _registry;

    /// <summary>Record names, content type names and option keys read so far, shared by the chunks decoded.</summary>
    private readonly NameCache _names = new();

    /// <summary>The UTF-8 bytes of the record and content type names written so far.</summary>
    private readonly NameBytes _nameBytes = new();

    /// <summary>Creates a codec with the given caps and value codecs.</summary>
    public DataChunkCodec(WireSettings settings, ValueCodecRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        _settings = settings;
        _registry = registry;
    }

    /// <summary>The caps this codec enforces.</summary>
    public WireSettings Settings => _settings;

    /// <summary>Appends one encoded chunk to <paramref name="output"/>.</summary>
    /// <param name="chunk">The chunk; it is not changed (it may be frozen and shared).</param>
    /// <param name="output">Where to write; a <see cref="PooledBufferWriter"/> because record lengths are patched in after each value.</param>
    /// <param name="transmitted">The transmission time to write instead of the chunk's own, so the sender need not mutate a shared chunk.</param>
    /// <exception cref="WireFormatException">A name, count or option exceeds its cap, or a codec failed.</exception>
    public void Encode(DataChunk chunk, PooledBufferWriter output, DateTimeOffset? transmitted = null)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var sent = transmitted ?? chunk.Transmitted;
        var received = chunk.Received;
        PayloadWriter.WriteByte(output, (byte)((sent.HasValue ? HasTransmitted : 0) | (received.HasValue ? HasReceived : 0)));
        PayloadWriter.WriteTimestamp(output, chunk.Created);
        if (sent.HasValue)
        {
            PayloadWriter.WriteTimestamp(output, sent.Value);
        }

        if (received.HasValue)
        {
            PayloadWriter.WriteTimestamp(output, received.Value);
        }

        PayloadWriter.WriteCount(output, chunk.Count, "records", _settings.MaxRecordsPerChunk, "max-records-per-chunk");
        foreach (var record in chunk.RecordSpan)
        {
            EncodeRecord(record, output);
        }
    }

    /// <summary>Appends several chunks as a batch: a count, then a length and an encoded chunk each.</summary>
    /// <exception cref="WireFormatException">Too many chunks, or one of them cannot be encoded.</exception>
    public void EncodeBatch(IReadOnlyList<DataChunk> chunks, PooledBufferWriter output, DateTimeOffset? transmitted = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        PayloadWriter.WriteCount(output, chunks.Count, "batch elements", _settings.MaxBatchCount, "max-batch-count");
        for (var i = 0; i < chunks.Count; i++)
        {
            var slot = output.Reserve(4);
            var start = output.WrittenCount;
            Encode(chunks[i], output, transmitted);
            BinaryPrimitives.WriteInt32LittleEndian(output.Patch(slot, 4), output.WrittenCount - start);
        }
    }

    /// <summary>Reads one chunk from an untrusted payload.</summary>
    /// <param name="payload">Exactly the bytes <see cref="Encode"/> wrote.</param>
    /// <param name="received">The arrival time to stamp on the chunk, or <see langword="null"/> to keep the one on the wire.</param>
    /// <exception cref="WireFormatException">The payload is malformed or exceeds a cap; nothing else escapes.</exception>
    /// <param name="placed">
    /// The last record's value when it was received in place (<see cref="TryPlace"/>); <paramref name="payload"/> then
    /// ends where the placed bytes began (after any of the value's own bytes that its decoder read from the head).
    /// </param>
    public DataChunk Decode(ReadOnlySequence<byte> payload, DateTimeOffset? received = null, PlacedValue? placed = null)
    {
        var reader = new PayloadReader(payload, ChunkWhat);
        return ReadWholeChunk(ref reader, received, placed);
    }

    /// <summary>
    /// Looks at the first frame of a chunk the sender split over several frames: when the chunk's last record holds a
    /// numeric array whose bytes run on past this head, allocates that array so the rest of the message can be
    /// received straight into it rather than assembled and copied again.
    /// </summary>
    /// <param name="head">The first frame's payload.</param>
    /// <param name="placement">How many bytes of the message come before the value, and the array to fill.</param>
    /// <returns>
    /// <see langword="false"/> for any other message, including a malformed head: it is then assembled whole and
    /// <see cref="Decode"/> reports what is wrong with it.
    /// </returns>
    public bool TryPlace(ReadOnlySequence<byte> head, out ValuePlacement placement)
    {
        placement = default;
        var reader = new PayloadReader(head, ChunkWhat);
        try
        {
            ReadStamps(ref reader);
            var count = reader.ReadCount("records", _settings.MaxRecordsPerChunk, "max-records-per-chunk");
            if (count == 0)
            {
                return false;
            }

            for (var i = 0; i < count - 1; i++)
            {
                reader.ReadSlice(ReadRecordHeader(ref reader, whole: true).Length);
            }

            var last = ReadRecordHeader(ref reader, whole: false);
            if (last.Length <= reader.Remaining || !_registry.TryGetCodec(last.Tag, out var codec) || codec is not IPlacedDecoder placer)
            {
                return false;
            }

            var valueStart = head.Length - reader.Remaining;
            if (!placer.TryAllocate(reader.ReadRest(), last.Length, out var placed))
            {
                return false;
            }

            placement = new ValuePlacement(checked((int)valueStart + placed.Skipped), placed);
            return true;
        }
        catch (WireFormatException)
        {
            return false;
        }
    }

    /// <summary>Reads the chunks of a batch payload into <paramref name="chunks"/>.</summary>
    /// <exception cref="WireFormatException">The payload is malformed or exceeds a cap; nothing else escapes.</exception>
    public void DecodeBatch(ReadOnlySequence<byte> payload, ICollection<DataChunk> chunks, DateTimeOffset? received = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var reader = new PayloadReader(payload, BatchWhat);
        var count = reader.ReadCount("batch elements", _settings.MaxBatchCount, "max-batch-count");
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadLength("batch element", _settings.MaxElementSize, "max-element-size");
            var element = reader.ReadNested(length, ChunkWhat);
            chunks.Add(ReadWholeChunk(ref element, received, placed: null));
        }

        reader.EnsureEnd();
    }

    /// <summary>Writes one record's header and value.</summary>
    private void EncodeRecord(DataRecord record, PooledBufferWriter output)
    {
        var name = _nameBytes.Get(record.Name, "record name", _settings.MaxNameLength, "max-name-length");
        var type = _nameBytes.Get(record.ContentType.Name ?? ContentType.Other.Name, "content type name", _settings.MaxNameLength, "max-name-length");
        var options = record.Options;
        var optionCount = options?.Count ?? 0;
        if (optionCount > _settings.MaxOptionsPerRecord)
        {
            throw new WireFormatException(WireMessages.TooMany("options", optionCount, _settings.MaxOptionsPerRecord, "max-options-per-record"));
        }

        // The fixed header in one span: each field through the buffer writer's interface cost more than the copy.
        var headerLength = sizeof(int) + name.Length + sizeof(int) + type.Length + sizeof(long) + sizeof(int);
        var header = output.GetSpan(headerLength);
        BinaryPrimitives.WriteInt32LittleEndian(header, name.Length);
        name.CopyTo(header[sizeof(int)..]);
        header = header[(sizeof(int) + name.Length)..];
        BinaryPrimitives.WriteInt32LittleEndian(header, type.Length);
        type.CopyTo(header[sizeof(int)..]);
        header = header[(sizeof(int) + type.Length)..];
        BinaryPrimitives.WriteInt64LittleEndian(header, record.Created.UtcTicks);
        BinaryPrimitives.WriteInt32LittleEndian(header[sizeof(long)..], optionCount);
        output.Advance(headerLength);
        if (options is not null)
        {
            foreach (var option in options)
            {
                PayloadWriter.WriteString(output, option.Key, "option key", _settings.MaxNameLength, "max-name-length");
                PayloadWriter.WriteString(output, option.Value, "option value", _settings.MaxOptionValueLength, "max-option-value-length");
            }
        }

        var codec = _registry.GetCodec(record);
        PayloadWriter.WriteByte(output, codec.Tag);
        var slot = output.Reserve(4);
        var start = output.WrittenCount;
        try
        {
            codec.Encode(record, output);
        }
        catch (Exception error) when (error is not WireFormatException and not OutOfMemoryException)
        {
            throw new WireFormatException(WireMessages.EncodeFailed(record.Name, record.Value?.GetType().Name ?? "null", error), error);
        }

        var length = output.WrittenCount - start;
        if (length > _settings.MaxElementSize)
        {
            throw new WireFormatException(WireMessages.ElementTooLarge(length, _settings.MaxElementSize));
        }

        BinaryPrimitives.WriteInt32LittleEndian(output.Patch(slot, 4), length);
    }

    /// <summary>Reads a chunk that fills <paramref name="reader"/> exactly (<see cref="ReadChunk"/>, then no bytes may be left).</summary>
    private DataChunk ReadWholeChunk(ref PayloadReader reader, DateTimeOffset? received, PlacedValue? placed)
    {
        var chunk = ReadChunk(ref reader, received, placed);
        reader.EnsureEnd();
        return chunk;
    }

    /// <summary>Reads a chunk's timestamps and records; <paramref name="placed"/> is the last record's value when it was received in place.</summary>
    private DataChunk ReadChunk(ref PayloadReader reader, DateTimeOffset? received, PlacedValue? placed)
    {
        var (created, transmitted, wireReceived) = ReadStamps(ref reader);
        var chunk = new DataChunk(created) { Transmitted = transmitted, Received = received ?? wireReceived };
        var count = reader.ReadCount("records", _settings.MaxRecordsPerChunk, "max-records-per-chunk");
        if (placed is not null && count == 0)
        {
            throw new WireFormatException(WireMessages.InvalidValue("chunk", "a value was received in place for a chunk without records."));
        }

        for (var i = 0; i < count; i++)
        {
            var record = ReadRecord(ref reader, i == count - 1 ? placed : null);
            if (chunk.Contains(record.Name))
            {
                throw new WireFormatException(WireMessages.DuplicateName("record name", record.Name));
            }

            chunk.Add(record);
        }

        return chunk;
    }

    /// <summary>Reads a chunk's flags and timestamps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (DateTimeOffset Created, DateTimeOffset? Transmitted, DateTimeOffset? Received) ReadStamps(ref PayloadReader reader)
    {
        var flags = reader.ReadByte("flags");
        if ((flags & ~(HasTransmitted | HasReceived)) != 0)
        {
            throw new WireFormatException(WireMessages.InvalidValue("chunk flags", $"0x{flags:X2} has unknown bits."));
        }

        var created = reader.ReadTimestamp("created");
        DateTimeOffset? transmitted = (flags & HasTransmitted) != 0 ? reader.ReadTimestamp("transmitted") : null;
        DateTimeOffset? received = (flags & HasReceived) != 0 ? reader.ReadTimestamp("received") : null;
        return (created, transmitted, received);
    }

    /// <summary>
    /// Reads one record's header, then hands its payload to the codec its tag names, or, when the value was
    /// received in place (<paramref name="placed"/>), checks that value against the header instead.
    /// </summary>
    private DataRecord ReadRecord(ref PayloadReader reader, PlacedValue? placed)
    {
        var header = ReadRecordHeader(ref reader, whole: placed is null);
        var name = header.Name;
        if (!_registry.TryGetCodec(header.Tag, out var codec))
        {
            throw new WireFormatException(WireMessages.UnknownCodec(header.Tag, name));
        }

        var contentType = new ContentType(header.ContentTypeName);
        if (placed is not null)
        {
            return ReadPlaced(ref reader, header, codec, contentType, placed);
        }

        var headerFree = codec as IHeaderFreeDecoder;
        var record = headerFree is null ? new DataRecord(name, null, contentType, header.Created, header.Options) : null;
        object? decoded;
        try
        {
            if (headerFree is null)
            {
                decoded = codec.Decode(reader.ReadSlice(header.Length), record!);
            }
            else
            {
                decoded = reader.TryReadSpan(header.Length, out var bytes) ? headerFree.Decode(bytes) : headerFree.Decode(reader.ReadSlice(header.Length));
            }
        }
        catch (WireFormatException error)
        {
            throw new WireFormatException(WireMessages.BadRecord(name, error.Message), error);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new WireFormatException(WireMessages.CodecFailed(header.Tag, name, error), error);
        }

        if (record is null)
        {
            return new DataRecord(name, decoded, contentType, header.Created, header.Options);
        }

        return decoded is null ? record : record with { Value = decoded };
    }

    /// <summary>
    /// Builds a record around a value received in place, after the checks decoding its bytes would make; the bytes of
    /// its payload that stayed in the head (<see cref="PlacedValue.Skipped"/>) are the last ones in <paramref name="reader"/>.
    /// </summary>
    private static DataRecord ReadPlaced(ref PayloadReader reader, in RecordHeader header, IValueCodec codec, ContentType contentType, PlacedValue placed)
    {
        // The head was read by TryPlace from the same bytes, so a mismatch here is a bug rather than a bad peer.
        if (codec is not IPlacedDecoder placer || (long)placed.Skipped + placed.Length != header.Length || reader.Remaining != placed.Skipped)
        {
            throw new WireFormatException(WireMessages.BadRecord(header.Name, "its value was received in place but its header no longer describes it."));
        }

        reader.ReadRest();
        object value;
        try
        {
            value = placer.Complete(placed);
        }
        catch (WireFormatException error)
        {
            throw new WireFormatException(WireMessages.BadRecord(header.Name, error.Message), error);
        }

        return new DataRecord(header.Name, value, contentType, header.Created, header.Options);
    }

    /// <summary>
    /// Reads a record's name, content type, timestamp, options, codec tag and payload length; with
    /// <paramref name="whole"/> the payload must be within the reader's bytes, otherwise it may run on past them.
    /// </summary>
    /// <remarks>Inlined: returned through memory, the header cost every small element about 5 % more to decode.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RecordHeader ReadRecordHeader(ref PayloadReader reader, bool whole)
    {
        var name = reader.ReadName("record name", _settings.MaxNameLength, "max-name-length", _names);
        var contentTypeName = reader.ReadName("content type name", _settings.MaxNameLength, "max-name-length", _names);
        if (string.IsNullOrWhiteSpace(contentTypeName))
        {
            throw new WireFormatException(WireMessages.BadRecord(name, "its content type name is blank."));
        }

        var created = reader.ReadTimestamp("record created");
        var optionCount = reader.ReadCount("options", _settings.MaxOptionsPerRecord, "max-options-per-record");
        Dictionary<string, string>? options = null;
        if (optionCount > 0)
        {
            options = new Dictionary<string, string>(Math.Min(optionCount, 16), StringComparer.Ordinal);
            for (var i = 0; i < optionCount; i++)
            {
                var key = reader.ReadName("option key", _settings.MaxNameLength, "max-name-length", _names);
                var value = reader.ReadString("option value", _settings.MaxOptionValueLength, "max-option-value-length");
                if (!options.TryAdd(key, value))
                {
                    throw new WireFormatException(WireMessages.DuplicateName("option key", key));
                }
            }
        }

        var tag = reader.ReadByte("codec tag");
        var length = whole
            ? reader.ReadLength("record payload", _settings.MaxElementSize, "max-element-size")
            : reader.ReadDeclaredLength("record payload", _settings.MaxElementSize, "max-element-size");
        return new RecordHeader(name, contentTypeName, created, options, tag, length);
    }

    /// <summary>A record's fields before its payload.</summary>
    private readonly record struct RecordHeader(
        string Name, string ContentTypeName, DateTimeOffset Created, Dictionary<string, string>? Options, byte Tag, int Length);
}
