namespace Chimera.Examples.Basics;

/// <summary>A sink that prints every value it receives, with the worker it runs on.</summary>
public sealed class PrintNode : Node
{
    /// <summary>Where printed lines go; the example's program points it at the console.</summary>
    internal static TextWriter Output { get; set; } = Console.Out;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var upstream in inputs.Names)
        {
            Output.WriteLine($"[{Context.WorkerName}/{Name}] received {inputs[upstream].GetRecord().Value} from {upstream}");
        }

        return null;
    }
}
