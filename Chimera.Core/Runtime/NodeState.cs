namespace Chimera;

/// <summary>Where a node is in its lifecycle.</summary>
public enum NodeState
{
    /// <summary>Instances exist; setup has not run.</summary>
    Created,

    /// <summary>Setup succeeded; waiting for start.</summary>
    Ready,

    /// <summary>Data flows.</summary>
    Running,

    /// <summary>The node's inputs completed (or the source was stopped) and it is finishing what it holds.</summary>
    Draining,

    /// <summary>Teardown ran; the node published its last output.</summary>
    Stopped,

    /// <summary>Setup, a step under the stop strategy, or teardown failed.</summary>
    Failed,
}
