namespace Chimera.Benchmarks.Baselines;

/// <summary>The work per element of the parallelism benchmarks.</summary>
internal static class ParallelWork
{
    /// <summary>Busy CPU time per element, in microseconds.</summary>
    public const int Microseconds = 50;

    /// <summary>The parallelism.</summary>
    public const int Parallelism = 4;
}
