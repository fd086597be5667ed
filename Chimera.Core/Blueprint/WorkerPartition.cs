namespace Chimera;

/// <summary>The part of a <see cref="Blueprint"/> one worker runs.</summary>
/// <param name="Worker">The worker's name.</param>
/// <param name="Nodes">The nodes it runs.</param>
/// <param name="LocalEdges">Edges between two of its own nodes (in-process channels).</param>
/// <param name="RemoteInputs">Edges that bring data from another worker to one of its nodes.</param>
/// <param name="RemoteOutputs">Edges that take data from one of its nodes to another worker.</param>
public sealed record WorkerPartition(
    string Worker,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<string> LocalEdges,
    IReadOnlyList<string> RemoteInputs,
    IReadOnlyList<string> RemoteOutputs);
