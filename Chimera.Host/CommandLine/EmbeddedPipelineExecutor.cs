namespace Chimera.Host.CommandLine;

/// <summary>Runs a pipeline on a <see cref="Manager"/> inside this process, with one embedded worker per mapped worker name.</summary>
internal sealed class EmbeddedPipelineExecutor : IPipelineExecutor
{
    /// <summary>How often completion is checked while waiting; small next to any real run, and cheap.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <inheritdoc />
    public async Task<RunOutcome> ExecuteAsync(RunRequest request, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var manager = new Manager(new ManagerOptions { LogDirectory = request.LogDirectory });
        await manager.CommitGraphAsync(request.Pipeline.Graph, request.Pipeline.Mapping, CancellationToken.None).ConfigureAwait(false);
        if (request.Record)
        {
            await manager.RecordAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await manager.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Wait by watching the status rather than through WaitForCompletionAsync(stop): cancelling that aborts the run,
        // and a stop must drain instead. Only one of StopAsync or WaitForCompletionAsync is called, so the run's
        // metadata is written once.
        while (manager.Status is RunStatus.Running or RunStatus.Committed && !stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        var runDirectory = manager.RunDirectory;
        var report = manager.Status is RunStatus.Running
            ? await manager.StopAsync(CancellationToken.None).ConfigureAwait(false)
            : await manager.WaitForCompletionAsync(CancellationToken.None).ConfigureAwait(false);
        return new RunOutcome(report, runDirectory);
    }
}
