namespace Chimera.Examples.DistributedJob;

/// <summary>
/// The job's result node: adds up the batch tallies of its worker's search and publishes the running total
/// (<c>checked</c>, <c>found</c>, <c>largest</c>), which the initiator reads through a tap.
/// </summary>
public sealed class PrimeTally : Node
{
    /// <summary>Numbers checked so far.</summary>
    private long _checked;

    /// <summary>Primes found so far.</summary>
    private long _found;

    /// <summary>The largest prime found so far.</summary>
    private long _largest;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var batch = inputs.Single;
        _checked += batch.Get<long>("checked");
        _found += batch.Get<long>("found");
        _largest = Math.Max(_largest, batch.Get<long>("largest"));
        return new DataChunk().Add("checked", _checked).Add("found", _found).Add("largest", _largest);
    }
}
