namespace Chimera;

/// <summary>A node in a compiled <see cref="Blueprint"/>: enough to rebuild it on any worker.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="TypeName">The full name of the node's .NET type.</param>
/// <param name="AssemblyName">The simple name of the assembly holding the type.</param>
/// <param name="Configuration">The node's public read/write properties as a JSON object.</param>
/// <param name="Worker">The worker the node runs on.</param>
/// <param name="Trigger">The trigger mode, resolved (<see cref="TriggerMode.Latest"/> when unset); <see langword="null"/> for a source.</param>
/// <param name="FollowedInput">Under <see cref="TriggerMode.Latest"/>, the upstream node whose delivery triggers a step; otherwise <see langword="null"/>.</param>
/// <param name="Parallelism">How many instances run.</param>
/// <param name="Supervision">What happens when a step throws.</param>
/// <param name="MaxRestarts">How many restarts an instance gets before a failure stops the graph.</param>
/// <param name="RestartBackoff">The pause before a restarted instance is set up.</param>
/// <param name="Inputs">Upstream node names, in edge order.</param>
/// <param name="Outputs">Downstream node names, in edge order.</param>
public sealed record BlueprintNode(
    string Name,
    string TypeName,
    string AssemblyName,
    string Configuration,
    string Worker,
    TriggerMode? Trigger,
    string? FollowedInput,
    int Parallelism,
    SupervisionStrategy Supervision,
    int MaxRestarts,
    TimeSpan RestartBackoff,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs)
{
    /// <summary>Whether the node is a source (it has no inputs).</summary>
    public bool IsSource => Inputs.Count == 0;
}
