namespace Chimera.Tests.Pipelines;

/// <summary>A node with the parameter kinds the built-ins lack: a duration, an enum, a boolean and a list.</summary>
public sealed class ParameterProbeNode : Node
{
    public TimeSpan Delay { get; set; }

    public TimeSpan? Timeout { get; set; }

    public OverflowPolicy Policy { get; set; }

    public bool Enabled { get; set; }

    public double Gain { get; set; } = 1;

    public string? Label { get; set; }

    public List<int> Values { get; set; } = [];

    protected override object? Step(NodeInputs inputs) => null;
}

/// <summary>Not a node: a pipeline naming it must be rejected.</summary>
public sealed class NotANode
{
}
