namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// The slow step of the flow: squares a number after <see cref="WorkMs"/> of simulated work. The graph runs it with
/// parallelism 2 (ctapipe's <c>nb_process</c>), each number going to the least busy instance.
/// </summary>
public sealed class Square : Node
{
    /// <summary>Simulated work per number, in milliseconds. Defaults to 20.</summary>
    public int WorkMs { get; set; } = 20;

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var number = inputs.Single.Get<long>();
        await Task.Delay(TimeSpan.FromMilliseconds(WorkMs), Context.Clock, cancellationToken).ConfigureAwait(false);

        // The instance index shows which of the parallel instances did the work.
        return $"square({number}) = {number * number} [instance {Context.InstanceIndex}]";
    }
}
