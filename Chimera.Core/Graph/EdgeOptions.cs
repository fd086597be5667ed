namespace Chimera;

/// <summary>Options of one edge: its buffer, what happens when the buffer is full, and whether the consumer follows it.</summary>
public sealed class EdgeOptions
{
    /// <summary>The default buffer capacity of an edge.</summary>
    public const int DefaultCapacity = 64;

    /// <summary>The default bound, in bytes, on what an edge buffers: 32 MiB.</summary>
    public const long DefaultCapacityBytes = 32L << 20;

    private int _capacity = DefaultCapacity;

    private long _capacityBytes = DefaultCapacityBytes;

    /// <summary>How many elements the edge buffers.</summary>
    /// <value>At least 1. Defaults to 64.</value>
    public int Capacity
    {
        get => _capacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Capacity));
            _capacity = value;
        }
    }

    /// <summary>
    /// How many bytes of element values the edge buffers at most, beside <see cref="Capacity"/>: the buffer is full at
    /// whichever bound comes first, as a GStreamer queue has both a buffer count and a byte size. Counted are the
    /// payloads of byte arrays, arrays of numbers, strings, <see cref="Media.ImageFrame"/>s and
    /// <see cref="Media.AudioBlock"/>s; other values count as nothing, so only the element count bounds them. One
    /// element larger than the bound still passes when the buffer is empty.
    /// </summary>
    /// <value>At least 1. Defaults to 32 MiB: five raw 1080p frames, where 64 of them would hold 400 MB.</value>
    /// <remarks>
    /// A deep buffer of frames costs more than memory: in video.1080p.fps, with 64 raw frames queued between the
    /// camera and the encoder, each frame was encoded long after it was drawn, out of the CPU's cache, and the frame
    /// rate halved in one run of two.
    /// </remarks>
    public long CapacityBytes
    {
        get => _capacityBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(CapacityBytes));
            _capacityBytes = value;
        }
    }

    /// <summary>A copy, for options that start from shared defaults (a pipeline file's <c>chimera.edge</c>).</summary>
    internal EdgeOptions Clone() => (EdgeOptions)MemberwiseClone();

    /// <summary>What the edge does when full. Defaults to <see cref="OverflowPolicy.Backpressure"/> (lossless).</summary>
    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.Backpressure;

    /// <summary>Under <see cref="TriggerMode.Latest"/>, whether the consumer steps when this edge delivers. At most one edge into a node may be followed.</summary>
    public bool Follow { get; set; }
}
