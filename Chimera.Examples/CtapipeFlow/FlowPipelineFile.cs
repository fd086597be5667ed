using Chimera.Pipelines;

namespace Chimera.Examples.CtapipeFlow;

/// <summary>Loads <c>hocon/pipelines/ctapipe-flow.conf</c>, the same flow as the code version, declared as a pipeline file.</summary>
internal static class FlowPipelineFile
{
    /// <summary>Loads the pipeline file at <paramref name="path"/> into a graph (every check, file:line errors).</summary>
    /// <param name="path">The pipeline file.</param>
    /// <returns>The graph, validated but not yet compiled, so callers may still adjust node parameters.</returns>
    public static Graph Load(string path) => Pipeline.Load(path).Graph;
}
