using Chimera.Configuration;

namespace Chimera.Pipelines;

/// <summary>
/// Thrown when a pipeline file cannot be turned into a graph: bad HOCON, unknown types or parameters, wrong parameter
/// types, edges naming missing nodes, cycles, bad option values or missing assemblies. Every problem found is listed in
/// <see cref="Errors"/>, one line each with its file and line; nothing has been started.
/// </summary>
public sealed class PipelineException : FormatException
{
    /// <summary>Creates the exception from every problem found.</summary>
    /// <param name="errors">The problems, at least one, in file order.</param>
    public PipelineException(IReadOnlyList<PipelineError> errors)
        : base(string.Join(Environment.NewLine, Require(errors).Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<PipelineError> Errors { get; }

    /// <summary>The file of the first problem.</summary>
    public string File => Errors[0].Origin.File;

    /// <summary>The 1-based line of the first problem.</summary>
    public int Line => Errors[0].Origin.Line;

    /// <summary>The 1-based column of the first problem.</summary>
    public int Column => Errors[0].Origin.Column;

    /// <summary>The offending name of the first problem.</summary>
    public string Name => Errors[0].Name;

    /// <summary>Checks that there is something to report, so <see cref="File"/> and friends never fail.</summary>
    /// <param name="errors">The problems.</param>
    /// <returns>The same list.</returns>
    private static IReadOnlyList<PipelineError> Require(IReadOnlyList<PipelineError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A pipeline exception needs at least one error.", nameof(errors));
        }

        return errors;
    }

    /// <summary>Wraps a HOCON syntax or resolution error so callers catch one exception type for a bad pipeline file.</summary>
    /// <param name="exception">The HOCON error.</param>
    /// <param name="file">The pipeline file, used when the HOCON error has no location.</param>
    /// <returns>The pipeline exception.</returns>
    internal static PipelineException FromHocon(HoconException exception, string file) =>
        new([new PipelineError(
            exception.File is null ? new HoconOrigin(file, 1, 1) : new HoconOrigin(exception.File, exception.Line, exception.Column),
            Path.GetFileName(file),
            exception.Reason)]);
}
