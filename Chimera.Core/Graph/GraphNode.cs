namespace Chimera;

/// <summary>A node as added to a <see cref="Graph"/>, with its options.</summary>
/// <param name="Name">The node's name at the time it was added.</param>
/// <param name="Node">The node instance whose type and public properties become the blueprint's node.</param>
/// <param name="Options">The node's options.</param>
public sealed record GraphNode(string Name, Node Node, NodeOptions Options);
