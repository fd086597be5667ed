namespace Chimera;

/// <summary>Options of one edge: its buffer, what happens when the buffer is full, and whether the consumer follows it.</summary>
public sealed class EdgeOptions
{
    /// <summary>The default buffer capacity of an edge.</summary>
    public const int DefaultCapacity = 64;

    private int _capacity = DefaultCapacity;

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

    /// <summary>What the edge does when full. Defaults to <see cref="OverflowPolicy.Backpressure"/> (lossless).</summary>
    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.Backpressure;

    /// <summary>Under <see cref="TriggerMode.Latest"/>, whether the consumer steps when this edge delivers. At most one edge into a node may be followed.</summary>
    public bool Follow { get; set; }
}
