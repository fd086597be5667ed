using Chimera.Configuration;

namespace Chimera.Pipelines;

/// <summary>One problem in a pipeline file: where it is, the name at fault, and what to change.</summary>
/// <param name="Origin">The file, line and column of the offending value, so editors can jump to it.</param>
/// <param name="Name">The offending name (a node, parameter, edge, type or key), so tools and tests need not parse the message.</param>
/// <param name="Message">A full sentence saying what is wrong and how to fix it.</param>
public sealed record PipelineError(HoconOrigin Origin, string Name, string Message)
{
    /// <summary>Renders the error as compilers do, <c>file:line:column: message</c>.</summary>
    /// <returns>The error on one line.</returns>
    public override string ToString() => $"{Origin}: {Message}";
}
