namespace Chimera.Cluster.Collect;

/// <summary>How the manager collects: chunk size, attempts, the pause between them, same-host moves, and test faults.</summary>
internal sealed class CollectSettings
{
    /// <summary>Bytes per pulled chunk. Defaults to 1 MiB.</summary>
    /// <value>1 to <see cref="WorkerArchives.MaxChunk"/> (8 MiB).</value>
    public int ChunkSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(ChunkSize));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, WorkerArchives.MaxChunk, nameof(ChunkSize));
            field = value;
        }
    } = 1024 * 1024;

    /// <summary>Attempts per worker before collect gives up on it. Defaults to 3.</summary>
    /// <value>At least 1.</value>
    public int Attempts
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(Attempts));
            field = value;
        }
    } = 3;

    /// <summary>The pause before the second attempt (then twice that, …). Defaults to 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether a worker process on the manager's own host has its folder moved (a rename) instead of sent through the
    /// network. Defaults to true; falls back to the transfer when the folder cannot be moved.
    /// </summary>
    public bool MoveLocalFolders { get; set; } = true;

    /// <summary>Fault injection for tests; null in production.</summary>
    public CollectFaults? Faults { get; set; }
}
