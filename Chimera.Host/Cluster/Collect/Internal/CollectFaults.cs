namespace Chimera.Cluster.Collect;

/// <summary>
/// Fault injection for tests of the collect path: change or break what arrives, or fail after unpacking, to prove
/// that a broken transfer is retried and never leaves a folder that looks complete.
/// </summary>
internal sealed class CollectFaults
{
    /// <summary>
    /// Called with (worker, offset, attempt, chunk) for each chunk as it arrives, before its SHA-256 is checked;
    /// returns the bytes to use (corrupted, truncated) or throws (<see cref="IOException"/>: a broken connection).
    /// </summary>
    public Func<string, long, int, byte[], byte[]>? OnChunk { get; init; }

    /// <summary>Called with (worker, attempt, partial folder) after unpacking, before the rename; throwing simulates a crash mid-publish.</summary>
    public Action<string, int, string>? AfterExtract { get; init; }
}
