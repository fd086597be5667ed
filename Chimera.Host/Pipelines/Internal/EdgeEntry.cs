namespace Chimera.Pipelines.Internal;

/// <summary>An edge as read from a pipeline file, before it goes into the graph.</summary>
/// <param name="From">The upstream node's name.</param>
/// <param name="To">The downstream node's name.</param>
/// <param name="Options">Its capacity, overflow policy and follow flag.</param>
internal sealed record EdgeEntry(string From, string To, EdgeOptions Options);
