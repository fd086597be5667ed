namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// ctapipe flow's stager that sends each input to one of two named next steps by its type — numbers to
/// <see cref="NumberStep"/>, text to <see cref="TextStep"/> — as ctapipe's <c>return (result, "NEXT_STEP")</c> does.
/// </summary>
public sealed class Shunt : Node
{
    /// <summary>The next step for numbers. Defaults to <c>square</c>.</summary>
    public string NumberStep { get; set; } = "square";

    /// <summary>The next step for text. Defaults to <c>upper</c>.</summary>
    public string TextStep { get; set; } = "upper";

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var value = inputs.Single.GetRecord().Value;

        // Route.To addresses one downstream node; the others never see this element.
        return value switch
        {
            long number => Route.To(NumberStep, number),
            string text => Route.To(TextStep, text),
            _ => throw new InvalidOperationException($"Shunt '{Name}' routes numbers and text; it got {value?.GetType().Name ?? "null"}."),
        };
    }
}
