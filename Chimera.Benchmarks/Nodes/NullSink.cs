namespace Chimera.Benchmarks.Nodes;

/// <summary>A sink that takes every element and does nothing with it (its step count is what the benchmarks read).</summary>
public sealed class NullSink : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs) => null;
}
