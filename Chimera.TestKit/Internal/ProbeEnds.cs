namespace Chimera.TestKit.Internal;

/// <summary>Holds the stand-in node type for probe ends in a test graph.</summary>
internal static class ProbeEnds
{
    /// <summary>
    /// Stands for a probe in the graph that is compiled around the nodes under test, so the blueprint has real
    /// upstream and downstream names and edges. It is never created: its partition holds only the nodes under test,
    /// and the probes read and write the edges directly. Public (nested) only because a blueprint requires node types
    /// to be rebuildable.
    /// </summary>
    public sealed class Placeholder : Node
    {
    }
}
