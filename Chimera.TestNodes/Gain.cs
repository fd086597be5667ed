namespace Chimera.TestNodes;

/// <summary>Multiplies its input by <see cref="Factor"/>; the factor can be changed while running through a registered method.</summary>
public sealed class Gain : Node
{
    /// <summary>The multiplier.</summary>
    public long Factor { get; set; } = 1;

    /// <summary>Changes the factor between two steps; returns the old one.</summary>
    [NodeMethod]
    public long SetFactor(long factor)
    {
        var old = Factor;
        Factor = factor;
        return old;
    }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs) => inputs.Single.Get<long>() * Factor;
}
