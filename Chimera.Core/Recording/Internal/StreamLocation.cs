namespace Chimera.Recording;

/// <summary>Where one recorded stream lives, and how errors name it.</summary>
/// <param name="Directory">The node's folder (<c>runFolder/worker/node</c>); created on the first write.</param>
/// <param name="Name">The stream's name (the file name without extension).</param>
/// <param name="Worker">The worker the node runs on.</param>
/// <param name="Node">The node's name.</param>
internal sealed record StreamLocation(string Directory, string Name, string Worker, string Node)
{
    /// <summary>The path of a file of this stream with the given suffix (<c>.csv</c>, <c>.timestamps.csv</c>).</summary>
    public string PathFor(string suffix) => Path.Combine(Directory, Name + suffix);

    /// <summary>How messages name the stream: "stream 'x' of node 'n' on worker 'w'".</summary>
    public override string ToString() => $"stream '{Name}' of node '{Node}' on worker '{Worker}'";
}
