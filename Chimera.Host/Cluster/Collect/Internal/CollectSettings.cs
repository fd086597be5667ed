namespace Chimera.Cluster.Collect;

/// <summary>How the manager collects: chunk size, attempts, the pause between them, same-host moves, and test faults.</summary>
internal sealed class CollectSettings
{
    /// <summary>Bytes per pulled chunk. Defaults to 1 MiB; at most <see cref="WorkerArchives.MaxChunk"/>.</summary>
    public int ChunkSize { get; set; } = 1024 * 1024;

    /// <summary>Attempts per worker before collect gives up on it. Defaults to 3.</summary>
    public int Attempts { get; set; } = 3;

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
