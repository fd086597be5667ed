namespace Chimera.Benchmarks.Remote;

/// <summary>How the JIT of a benchmark's worker processes is set up.</summary>
internal enum WorkerCompilation
{
    /// <summary>
    /// <c>DOTNET_TieredCompilation=0</c>: every method is compiled once, fully optimized but without a profile, so that
    /// a one-second warm-up is enough.
    /// </summary>
    FullyOptimized,

    /// <summary>The runtime's defaults, as a user's workers run: tier-0 code first, then code optimized with dynamic PGO.</summary>
    Defaults,

    /// <summary>
    /// The runtime's defaults, with methods counting calls towards their optimized code from the start
    /// (<c>DOTNET_TC_CallCountingDelayMs=0</c>), so that a few seconds of warm-up reach the code users' workers run.
    /// </summary>
    TieredEager,
}
