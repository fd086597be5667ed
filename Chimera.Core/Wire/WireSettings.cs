namespace Chimera.Wire;

/// <summary>
/// Limits of the wire codec (HOCON section <c>chimera.wire</c>). Every length a peer sends is checked against one of
/// these caps before anything is allocated, so a malformed or hostile peer costs at most one failed connection.
/// </summary>
/// <remarks>Both ends should use the same values: a sender refuses to encode what its own limits forbid, and a
/// receiver refuses what its limits forbid. Setters validate and throw <see cref="ArgumentOutOfRangeException"/>
/// naming the HOCON key.</remarks>
public sealed class WireSettings
{
    /// <summary>The smallest frame size allowed: below this the 16-byte header dominates.</summary>
    internal const int MinFrameSize = 64;

    /// <summary>The largest frame size allowed, the same bound HTTP/2 puts on SETTINGS_MAX_FRAME_SIZE (2^24 - 1 rounded up).</summary>
    internal const int MaxFrameSizeLimit = 16 * 1024 * 1024;

    /// <summary>Backing field of <see cref="MaxFrameSize"/>.</summary>
    private int _maxFrameSize = 1024 * 1024;

    /// <summary>Backing field of <see cref="MaxElementSize"/>.</summary>
    private int _maxElementSize = 256 * 1024 * 1024;

    /// <summary>Backing field of <see cref="MaxRecordsPerChunk"/>.</summary>
    private int _maxRecordsPerChunk = 1024;

    /// <summary>Backing field of <see cref="MaxNameLength"/>.</summary>
    private int _maxNameLength = 1024;

    /// <summary>Backing field of <see cref="MaxOptionsPerRecord"/>.</summary>
    private int _maxOptionsPerRecord = 64;

    /// <summary>Backing field of <see cref="MaxOptionValueLength"/>.</summary>
    private int _maxOptionValueLength = 4096;

    /// <summary>Backing field of <see cref="MaxColumnsPerRow"/>.</summary>
    private int _maxColumnsPerRow = 4096;

    /// <summary>Backing field of <see cref="MaxBatchCount"/>.</summary>
    private int _maxBatchCount = 1024;

    /// <summary>Backing field of <see cref="MaxTypeNameLength"/>.</summary>
    private int _maxTypeNameLength = 4096;

    /// <summary>Backing field of <see cref="MaxReasonLength"/>.</summary>
    private int _maxReasonLength = 8192;

    /// <summary>The largest payload one frame carries (the 16-byte header not counted); larger payloads are split into continuation frames.</summary>
    /// <value>From 64 bytes to 16 MiB. Defaults to 1,048,576 bytes (1 MiB): a compressed HD image or a second of audio fits in
    /// one frame, while the bytes a reader must hold before it can parse a frame stay bounded per connection (Kestrel's
    /// default request buffer is the same 1 MB).</value>
    public int MaxFrameSize
    {
        get => _maxFrameSize;
        set => _maxFrameSize = Validate(value, MinFrameSize, MaxFrameSizeLimit, "max-frame-size");
    }

    /// <summary>The largest element (one encoded chunk or batch, after reassembling its frames) a reader accepts or a writer sends.</summary>
    /// <value>From 1 KiB to <see cref="Array.MaxLength"/>. Defaults to 268,435,456 bytes (256 MiB): room for a few uncompressed 8K frames, small enough that one hostile peer cannot exhaust memory.</value>
    public int MaxElementSize
    {
        get => _maxElementSize;
        set => _maxElementSize = Validate(value, 1024, Array.MaxLength, "max-element-size");
    }

    /// <summary>The most records one chunk may hold.</summary>
    /// <value>From 1 to 1,048,576. Defaults to 1,024.</value>
    public int MaxRecordsPerChunk
    {
        get => _maxRecordsPerChunk;
        set => _maxRecordsPerChunk = Validate(value, 1, 1024 * 1024, "max-records-per-chunk");
    }

    /// <summary>The longest name, in UTF-8 bytes: record names, content type names, option keys and tabular column names.</summary>
    /// <value>From 1 to 65,535. Defaults to 1,024 bytes.</value>
    public int MaxNameLength
    {
        get => _maxNameLength;
        set => _maxNameLength = Validate(value, 1, ushort.MaxValue, "max-name-length");
    }

    /// <summary>The most encoding options (key/value pairs) one record may carry.</summary>
    /// <value>From 0 to 4,096. Defaults to 64.</value>
    public int MaxOptionsPerRecord
    {
        get => _maxOptionsPerRecord;
        set => _maxOptionsPerRecord = Validate(value, 0, 4096, "max-options-per-record");
    }

    /// <summary>The longest option value, in UTF-8 bytes.</summary>
    /// <value>From 0 to 1,048,576. Defaults to 4,096 bytes.</value>
    public int MaxOptionValueLength
    {
        get => _maxOptionValueLength;
        set => _maxOptionValueLength = Validate(value, 0, 1024 * 1024, "max-option-value-length");
    }

    /// <summary>The most columns one tabular row may have.</summary>
    /// <value>From 1 to 1,048,576. Defaults to 4,096.</value>
    public int MaxColumnsPerRow
    {
        get => _maxColumnsPerRow;
        set => _maxColumnsPerRow = Validate(value, 1, 1024 * 1024, "max-columns-per-row");
    }

    /// <summary>The most elements one <c>DataBatch</c> frame may carry.</summary>
    /// <value>From 1 to 1,048,576. Defaults to 1,024.</value>
    public int MaxBatchCount
    {
        get => _maxBatchCount;
        set => _maxBatchCount = Validate(value, 1, 1024 * 1024, "max-batch-count");
    }

    /// <summary>The longest .NET type name the JSON codec writes or reads, in UTF-8 bytes (assembly-qualified generic names get long).</summary>
    /// <value>From 16 to 65,535. Defaults to 4,096 bytes.</value>
    public int MaxTypeNameLength
    {
        get => _maxTypeNameLength;
        set => _maxTypeNameLength = Validate(value, 16, ushort.MaxValue, "max-type-name-length");
    }

    /// <summary>The longest failure or cancellation reason, in UTF-8 bytes; a writer truncates longer reasons rather than failing to report a failure.</summary>
    /// <value>From 64 to 1,048,576. Defaults to 8,192 bytes.</value>
    public int MaxReasonLength
    {
        get => _maxReasonLength;
        set => _maxReasonLength = Validate(value, 64, 1024 * 1024, "max-reason-length");
    }

    /// <summary>Checks a setting against its range and names the HOCON key when it is out of range.</summary>
    private static int Validate(int value, int min, int max, string key)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, WireMessages.SettingOutOfRange(key, value, min, max));
        }

        return value;
    }
}
