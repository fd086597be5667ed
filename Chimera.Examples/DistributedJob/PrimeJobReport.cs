namespace Chimera.Examples.DistributedJob;

/// <summary>Everything the distributed job gathered.</summary>
/// <param name="Results">Each picked worker's tally, in worker order.</param>
/// <param name="Heartbeats">How many heartbeats the initiator saw during the job.</param>
/// <param name="Run">The run's counters.</param>
public sealed record PrimeJobReport(IReadOnlyList<PrimeJobResult> Results, int Heartbeats, RunReport Run)
{
    /// <summary>Primes found by all workers together.</summary>
    public long TotalFound => Results.Sum(r => r.Found);
}
