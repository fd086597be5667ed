namespace Chimera.Runtime;

/// <summary>One running instance of a node with its context; replaced as a whole when restarted.</summary>
internal sealed class StageInstance(int index, Node node, NodeContext context, bool gated)
{
    /// <summary>Serializes steps with registered-method calls; null when the node has no such methods (no cost per step).</summary>
    public SemaphoreSlim? Gate { get; } = gated ? new SemaphoreSlim(1, 1) : null;

    public int Index { get; } = index;

    public Node Node { get; set; } = node;

    public NodeContext Context { get; set; } = context;

    public bool IsSetUp { get; set; }

    public int Restarts { get; set; }

    /// <summary>Notices when this instance's synchronous steps hold their thread for milliseconds, and reserves a thread-pool thread for it.</summary>
    public BlockingStepWatch Blocking { get; } = new();
}
