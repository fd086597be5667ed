using System.CommandLine;
using Chimera.Pipelines;

namespace Chimera.Host.CommandLine;

/// <summary>Loads a pipeline file for a command, turning every way it can be wrong into a failure on stderr.</summary>
internal static class PipelineFiles
{
    /// <summary>Loads a pipeline, reporting a missing file or every problem in it.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="verb">The command's words, e.g. <c>run</c>.</param>
    /// <param name="file">The pipeline file.</param>
    /// <param name="exit">The exit code when loading failed.</param>
    /// <returns>The pipeline, or <see langword="null"/> after reporting.</returns>
    public static Pipeline? Load(ParseResult parseResult, string verb, string file, out int exit)
    {
        exit = 0;
        try
        {
            return Pipeline.Load(file);
        }
        catch (FileNotFoundException e)
        {
            exit = CommandOutput.Fail(parseResult, verb, e.Message);
        }
        catch (PipelineException e)
        {
            // The first problem goes on the command's line; any others follow, one per line, each with its location.
            exit = CommandOutput.Fail(parseResult, verb, e.Message);
        }

        return null;
    }
}
