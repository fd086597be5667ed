using System.CommandLine;

namespace Chimera.Host.CommandLine;

/// <summary>
/// Where commands write: the parse result's configured output and error writers (the console unless a test swaps them),
/// and the one-line failure format every command uses.
/// </summary>
internal static class CommandOutput
{
    /// <summary>The exit code of a command that failed for a reason it reported on stderr.</summary>
    public const int Failed = 1;

    /// <summary>The writer for results.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <returns>Standard output, or the configured writer.</returns>
    public static TextWriter Out(ParseResult parseResult) => parseResult.InvocationConfiguration.Output;

    /// <summary>The writer for errors.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <returns>Standard error, or the configured writer.</returns>
    public static TextWriter Error(ParseResult parseResult) => parseResult.InvocationConfiguration.Error;

    /// <summary>Writes a failure prefixed with the command (<c>chimera config get: ...</c>) and returns the failure exit code.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="verb">The command's words, e.g. <c>config get</c>.</param>
    /// <param name="message">Why it failed, starting with the file and line when there is one.</param>
    /// <returns><see cref="Failed"/>.</returns>
    public static int Fail(ParseResult parseResult, string verb, string message) => Fail(Error(parseResult), verb, message);

    /// <summary>Writes a failure prefixed with the command to a given writer and returns the failure exit code.</summary>
    /// <param name="error">The error writer.</param>
    /// <param name="verb">The command's words, e.g. <c>run</c>.</param>
    /// <param name="message">Why it failed.</param>
    /// <returns><see cref="Failed"/>.</returns>
    public static int Fail(TextWriter error, string verb, string message)
    {
        error.WriteLine($"chimera {verb}: {message}");
        return Failed;
    }
}
