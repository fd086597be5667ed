namespace Chimera;

/// <summary>What the runtime does when a node's step throws.</summary>
public enum SupervisionStrategy
{
    /// <summary>Report the failure with the node's name and exception, and stop the whole graph.</summary>
    Stop,

    /// <summary>Skip the element that failed, count it, and go on with the same instance.</summary>
    Resume,

    /// <summary>Tear the instance down and replace it with a new one after a backoff; the element is skipped and the restart counted.</summary>
    Restart,
}
