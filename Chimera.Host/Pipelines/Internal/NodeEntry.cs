namespace Chimera.Pipelines.Internal;

/// <summary>A node as read from a pipeline file, before it goes into the graph.</summary>
/// <param name="Name">The node's name (its key under <c>nodes</c>).</param>
/// <param name="Node">The node built from its parameters, or <see langword="null"/> when its type or parameters were wrong.</param>
/// <param name="Options">Its parallelism, trigger and supervision.</param>
internal sealed record NodeEntry(string Name, Node? Node, NodeOptions Options);
