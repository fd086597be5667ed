using Chimera.Pipelines;

namespace Chimera.Host.CommandLine;

/// <summary>What <c>chimera run</c> asks an executor to do, independent of where the pipeline runs.</summary>
/// <param name="Pipeline">The loaded, validated pipeline.</param>
/// <param name="LogDirectory">Where runs are recorded (<c>--logdir</c>, default <c>./logs</c>).</param>
/// <param name="Record">Whether recorders write (<c>--record</c>); otherwise the run is a preview.</param>
internal sealed record RunRequest(Pipeline Pipeline, string LogDirectory, bool Record);
