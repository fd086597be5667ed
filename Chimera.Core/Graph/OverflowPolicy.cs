namespace Chimera;

/// <summary>What an edge does when its buffer is full.</summary>
public enum OverflowPolicy
{
    /// <summary>The producer waits for room: lossless, and a slow consumer slows its producers.</summary>
    Backpressure,

    /// <summary>The oldest buffered element is dropped to make room; every drop is counted.</summary>
    DropOldest,

    /// <summary>Keep only the newest element (conflate), as live video wants; every replaced element is counted as dropped.</summary>
    Latest,
}
