namespace Chimera.Cluster.Collect;

/// <summary>
/// A worker's answer to <c>POST /api/collect/{runId}</c>: its packed run folder, ready to be pulled chunk by chunk
/// with <c>GET /api/collect/{runId}/archive?offset=&amp;length=</c>.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Worker">The worker.</param>
/// <param name="Host">The worker's host name (a manager on the same host may move the folder instead).</param>
/// <param name="Directory">The worker's folder of the run on its own disk (absolute).</param>
/// <param name="Length">The archive's size in bytes (0 when the worker recorded nothing).</param>
/// <param name="Sha256">The archive's SHA-256 (lowercase hex).</param>
/// <param name="Files">How many files the archive holds.</param>
internal sealed record ArchiveManifest(string RunId, string Worker, string Host, string Directory, long Length, string Sha256, int Files);
