namespace Chimera.Nodes;

/// <summary>Passes each input chunk on unchanged (with several inputs, each one as it arrives under the <c>each</c> trigger).</summary>
public sealed class Identity : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        // The common case, one input per step, allocates nothing.
        if (inputs.Count == 1)
        {
            return inputs.Single;
        }

        foreach (var name in inputs.Names)
        {
            Emit(inputs[name]);
        }

        return null;
    }
}
