namespace Chimera.Host.CommandLine;

/// <summary>
/// Where <c>chimera run</c> executes a pipeline: the embedded local cluster (<see cref="EmbeddedPipelineExecutor"/>),
/// or a remote manager (a second implementation for <c>--manager URL</c>). The command loads, reports and sets exit
/// codes; an executor only commits, runs and drains.
/// </summary>
internal interface IPipelineExecutor
{
    /// <summary>
    /// Commits the pipeline, starts it (recording when asked), and waits until it completes by itself or
    /// <paramref name="stop"/> fires, which drains it: sources stop and everything in flight reaches the sinks.
    /// </summary>
    /// <param name="request">The pipeline and run settings.</param>
    /// <param name="stop">Fires on Ctrl-C or when <c>--duration</c> elapses; starts the drain.</param>
    /// <returns>The report and run folder.</returns>
    /// <exception cref="RunFailedException">A node or worker failed; the exception carries the report.</exception>
    /// <exception cref="CommitFailedException">A node could not be created or set up.</exception>
    Task<RunOutcome> ExecuteAsync(RunRequest request, CancellationToken stop);
}
