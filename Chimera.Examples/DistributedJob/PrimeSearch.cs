namespace Chimera.Examples.DistributedJob;

/// <summary>
/// The job's work: a source that searches [<see cref="From"/>, <see cref="To"/>] for primes, one batch per step, and
/// emits each batch's tally (<c>checked</c>, <c>found</c>, <c>largest</c>). Batches keep steps short, so a stop is
/// honoured quickly and progress shows up while the search goes on.
/// </summary>
public sealed class PrimeSearch : Node
{
    /// <summary>The next number to check.</summary>
    private long _next;

    /// <summary>The first number of the range. Defaults to 2.</summary>
    public long From { get; set; } = 2;

    /// <summary>The last number of the range (inclusive). Defaults to 1,000,000.</summary>
    public long To { get; set; } = 1_000_000;

    /// <summary>Numbers checked per step. Defaults to 5,000.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <inheritdoc />
    protected override void Setup()
    {
        if (To < From || BatchSize < 1)
        {
            throw new ArgumentException($"PrimeSearch '{Name}': the range [{From}, {To}] must not be empty and the batch size ({BatchSize}) must be at least 1.");
        }

        _next = From;
    }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var end = Math.Min(To, _next + BatchSize - 1);
        long found = 0;
        long largest = 0;
        for (var n = _next; n <= end; n++)
        {
            if (IsPrime(n))
            {
                found++;
                largest = n;
            }
        }

        var batch = new DataChunk().Add("checked", end - _next + 1).Add("found", found).Add("largest", largest);
        _next = end + 1;
        if (_next > To)
        {
            EndStream();
        }

        return batch;
    }

    /// <summary>Trial division by 2, 3 and numbers of the form 6k ± 1: plenty for a demo, and CPU work heartbeats can show.</summary>
    private static bool IsPrime(long n)
    {
        if (n < 4)
        {
            return n >= 2;
        }

        if (n % 2 == 0 || n % 3 == 0)
        {
            return false;
        }

        for (long d = 5; d * d <= n; d += 6)
        {
            if (n % d == 0 || n % (d + 2) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
