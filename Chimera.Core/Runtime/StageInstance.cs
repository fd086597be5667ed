namespace Chimera.Runtime;

/// <summary>One running instance of a node with its context; replaced as a whole when restarted.</summary>
internal sealed class StageInstance(int index, Node node, NodeContext context)
{
    public int Index { get; } = index;

    public Node Node { get; set; } = node;

    public NodeContext Context { get; set; } = context;

    public bool IsSetUp { get; set; }

    public int Restarts { get; set; }
}
