using System.Diagnostics;

namespace Chimera.Benchmarks.Nodes;

/// <summary>A step that burns <see cref="WorkMicroseconds"/> of CPU per element (a busy wait, not a sleep) and passes the element on.</summary>
public sealed class SpinStep : Node
{
    /// <summary>CPU time per element, in microseconds. Defaults to 50.</summary>
    public int WorkMicroseconds { get; set; } = 50;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        Spin(WorkMicroseconds);
        return inputs.Single;
    }

    /// <summary>Busy-waits <paramref name="microseconds"/>.</summary>
    internal static void Spin(int microseconds)
    {
        var until = Stopwatch.GetTimestamp() + (microseconds * Stopwatch.Frequency / 1_000_000);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(8);
        }
    }
}
