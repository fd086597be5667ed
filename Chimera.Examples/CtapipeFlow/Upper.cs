namespace Chimera.Examples.CtapipeFlow;

/// <summary>The quick step of the flow: upper-cases a message.</summary>
public sealed class Upper : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs) => $"upper({inputs.Single.Get<string>()}) = {inputs.Single.Get<string>().ToUpperInvariant()}";
}
