namespace Chimera.Examples.Basics;

/// <summary>ChimeraPy's basics step: multiplies the value from <c>gen</c> by <see cref="Coef"/>, logs and passes it on.</summary>
public sealed class ConsumeNode : Node
{
    /// <summary>The coefficient. Defaults to 3.</summary>
    public long Coef { get; set; } = 3;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var value = inputs.Get<long>("gen");
        return value * Coef;
    }
}
