namespace Chimera;

/// <summary>One worker's files after a collect.</summary>
/// <param name="Worker">The worker's name.</param>
/// <param name="Method"><c>moved</c> (same machine, no network), <c>transferred</c> (archive over the control API, SHA-256 checked), <c>in-place</c> (already in the run folder), or <c>empty</c> (nothing recorded).</param>
/// <param name="Directory">Where the worker's files are now: <c>runFolder/worker/</c>.</param>
/// <param name="Files">How many files.</param>
/// <param name="Bytes">Their total size (the archive's size for a transfer).</param>
/// <param name="Sha256">The archive's verified SHA-256 (hex) for a transfer; else <see langword="null"/>.</param>
/// <param name="Attempts">How many attempts it took.</param>
public sealed record CollectedWorker(string Worker, string Method, string Directory, int Files, long Bytes, string? Sha256, int Attempts);
