namespace Chimera.Nodes;

/// <summary>Passes each input chunk on unchanged (with several inputs, each one as it arrives under the <c>each</c> trigger).</summary>
public sealed class Identity : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var name in inputs.Names)
        {
            Emit(inputs[name]);
        }

        return null;
    }
}
