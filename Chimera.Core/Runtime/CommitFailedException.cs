namespace Chimera;

/// <summary>
/// Thrown when a graph cannot be committed: some node could not be created or set up. Every node that was created has
/// been torn down again; nothing is left running.
/// </summary>
public sealed class CommitFailedException : InvalidOperationException
{
    /// <summary>Creates the exception from the failures, one line per node.</summary>
    public CommitFailedException(IReadOnlyList<NodeFailure> failures)
        : base("The commit failed; nothing is left running:" + Environment.NewLine +
               string.Join(Environment.NewLine, failures.Select(f => $"- node '{f.Node}' on worker '{f.Worker}' failed during {f.Phase}: {f.Error}")))
    {
        Failures = failures;
    }

    /// <summary>The failures, one per node.</summary>
    public IReadOnlyList<NodeFailure> Failures { get; }
}
