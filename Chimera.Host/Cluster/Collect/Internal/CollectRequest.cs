namespace Chimera.Cluster.Collect;

/// <summary>The body of the manager's <c>POST /api/collect</c>: where to gather the run (the manager's log directory when null).</summary>
internal sealed record CollectRequest(string? Destination);
