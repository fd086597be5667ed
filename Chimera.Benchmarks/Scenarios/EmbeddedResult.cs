namespace Chimera.Benchmarks.Scenarios;

/// <summary>What one run on the embedded cluster measured.</summary>
/// <param name="Elapsed">From start until the drain finished.</param>
/// <param name="Report">The run's counters.</param>
/// <param name="AllocatedBytes">Bytes allocated by the whole process meanwhile.</param>
/// <param name="Gen0Collections">Gen-0 collections meanwhile.</param>
internal sealed record EmbeddedResult(TimeSpan Elapsed, RunReport Report, long AllocatedBytes, int Gen0Collections)
{
    /// <summary>The steps of the named node (summed over its instances).</summary>
    public long Steps(string node) => Report.Nodes.Where(n => n.Name == node).Sum(n => n.Steps);

    /// <summary>Steps of <paramref name="node"/> per second.</summary>
    public double Rate(string node) => Steps(node) / Elapsed.TotalSeconds;
}
