namespace Chimera;

/// <summary>
/// Thrown when a graph or a worker mapping is invalid. <see cref="Errors"/> lists every problem found, one line each,
/// naming the nodes, edges or workers at fault; nothing has been started.
/// </summary>
public sealed class GraphValidationException : ArgumentException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public GraphValidationException(string subject, IReadOnlyList<string> errors)
        : base($"The {subject} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => "- " + e))}")
    {
        Errors = errors;
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
