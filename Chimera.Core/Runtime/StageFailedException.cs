namespace Chimera.Runtime;

/// <summary>Carries a node failure out of a stage's loop so the stage reports it once and the run stops.</summary>
internal sealed class StageFailedException(NodeFailure failure, Exception inner) : Exception(failure.Error, inner)
{
    public NodeFailure Failure { get; } = failure;
}
