namespace Chimera;

/// <summary>Where the collection of one worker's files is.</summary>
public enum CollectStage
{
    /// <summary>The worker is packing its run folder into an archive.</summary>
    Preparing,

    /// <summary>Chunks are arriving.</summary>
    Transferring,

    /// <summary>A chunk or the archive failed its SHA-256 check, or the connection broke; the transfer is being retried.</summary>
    Retrying,

    /// <summary>The archive is being unpacked beside the run folder.</summary>
    Extracting,

    /// <summary>The worker's files are in place (moved, transferred or already there).</summary>
    Completed,

    /// <summary>Every attempt failed; nothing that looks complete was left behind.</summary>
    Failed,
}
