namespace Chimera.Examples.DistributedJob;

/// <summary>What one worker of the job reported through its tap.</summary>
/// <param name="Worker">The worker's name.</param>
/// <param name="From">The first number of its range.</param>
/// <param name="To">The last number of its range.</param>
/// <param name="Checked">Numbers it checked before the job stopped.</param>
/// <param name="Found">Primes it found.</param>
/// <param name="Largest">The largest prime it found.</param>
public sealed record PrimeJobResult(string Worker, long From, long To, long Checked, long Found, long Largest);
