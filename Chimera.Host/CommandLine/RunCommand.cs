using System.CommandLine;
using Chimera.Configuration.Hocon.Units;
using Chimera.Pipelines;

namespace Chimera.Host.CommandLine;

/// <summary>
/// <c>chimera run PIPELINE.conf [--logdir DIR] [--duration 10s] [--record]</c>: load a declarative pipeline, run it,
/// and print the per-node and per-edge counters. The run ends by itself when every source ended and the drain
/// finished, after <c>--duration</c>, or on Ctrl-C; the last two drain first. Where it runs is an
/// <see cref="IPipelineExecutor"/>: the embedded local cluster today.
/// </summary>
internal static class RunCommand
{
    /// <summary>The log directory when <c>--logdir</c> is not given.</summary>
    internal const string DefaultLogDirectory = "./logs";

    /// <summary>Builds the <c>run</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var file = new Argument<string>("pipeline") { Description = "The pipeline file (HOCON)." };
        var logdir = new Option<string?>("--logdir") { Description = $"Where runs are recorded, one folder per run. Defaults to {DefaultLogDirectory}." };
        var duration = new Option<string?>("--duration") { Description = "Stop (and drain) after this long, a HOCON duration such as 10s, 500ms or 2m. Default: run until the sources end or Ctrl-C." };
        var record = new Option<bool>("--record") { Description = "Record: recorders write their files. Without it the run is a preview and nothing is written." };
        var manager = new Option<string?>("--manager") { Description = "Run on a running manager (URL) with the pipeline's workers { name = [nodes] } mapping, instead of the embedded local cluster." };
        var run = new Command("run", "Run a declarative pipeline on the embedded local cluster (or a manager's cluster with --manager) and print what flowed.");
        run.Arguments.Add(file);
        run.Options.Add(logdir);
        run.Options.Add(duration);
        run.Options.Add(record);
        run.Options.Add(manager);
        run.SetAction(async (parseResult, cancellationToken) =>
        {
            // System.CommandLine installs its Ctrl-C handler once the action first yields; yield now, or a Ctrl-C during
            // a long synchronous start (loading assemblies, committing) would kill the process instead of draining.
            await Task.Yield();
            TimeSpan? limit = null;
            if (parseResult.GetValue(duration) is { } text)
            {
                if (!DurationUnits.TryParse(text, out var nanoseconds, out var problem) || nanoseconds <= 0)
                {
                    return CommandOutput.Fail(parseResult, "run", $"--duration '{text}' is not a positive duration such as 10s or 500ms{(problem.Length > 0 ? $": {problem}" : ".")}");
                }

                limit = TimeSpan.FromTicks(nanoseconds / 100);
            }

            var pipeline = PipelineFiles.Load(parseResult, "run", parseResult.GetValue(file)!, out var exit);
            if (pipeline is null)
            {
                return exit;
            }

            var request = new RunRequest(pipeline, parseResult.GetValue(logdir) ?? DefaultLogDirectory, parseResult.GetValue(record));
            var output = new RunOutput(CommandOutput.Out(parseResult), CommandOutput.Error(parseResult));
            IPipelineExecutor executor = parseResult.GetValue(manager) is { } url
                ? new RemotePipelineExecutor(url, CommandOutput.Error(parseResult))
                : new EmbeddedPipelineExecutor();
            return await RunAsync(request, executor, limit, output, cancellationToken).ConfigureAwait(false);
        });
        return run;
    }

    /// <summary>Runs a loaded pipeline on an executor and reports the outcome; the part a remote run shares.</summary>
    /// <param name="request">The pipeline and settings.</param>
    /// <param name="executor">Where to run.</param>
    /// <param name="duration">Stop after this long, or <see langword="null"/>.</param>
    /// <param name="writers">Where the report and failures go.</param>
    /// <param name="interrupted">Fires on Ctrl-C.</param>
    /// <returns>0 when the run completed, otherwise the failure exit code.</returns>
    internal static async Task<int> RunAsync(RunRequest request, IPipelineExecutor executor, TimeSpan? duration, RunOutput writers, CancellationToken interrupted)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(writers);
        var output = writers.Output;
        if (!request.Record && request.Pipeline.Graph.Nodes.Any(n => IsRecorder(n.Node)))
        {
            await output.WriteLineAsync("note: recorders are previewing (no --record): nothing is written.").ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        RunOutcome outcome;
        try
        {
            outcome = await executor.ExecuteAsync(request, stop.Token).ConfigureAwait(false);
        }
        catch (RunFailedException e)
        {
            await output.WriteAsync(e.Report.ToTable()).ConfigureAwait(false);
            var failure = e.Report.Failures.FirstOrDefault();
            return CommandOutput.Fail(writers.Error, "run", failure is null
                ? $"run {e.Report.RunId} of pipeline '{request.Pipeline.Name}' failed."
                : $"run {e.Report.RunId} of pipeline '{request.Pipeline.Name}' failed: node '{failure.Node}' on worker '{failure.Worker}' during {failure.Phase}: {failure.Error}");
        }
        catch (Exception e) when (e is CommitFailedException or GraphValidationException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return CommandOutput.Fail(writers.Error, "run", $"pipeline '{request.Pipeline.Name}' ({request.Pipeline.File}) could not run: {e.Message}");
        }

        await output.WriteAsync(outcome.Report.ToTable()).ConfigureAwait(false);
        if (request.Record && outcome.RunDirectory is { } directory)
        {
            await output.WriteLineAsync($"recorded to {directory}").ConfigureAwait(false);
        }

        if (outcome.Report.Status != RunStatus.Completed)
        {
            return CommandOutput.Fail(writers.Error, "run", $"run {outcome.Report.RunId} ended {outcome.Report.Status}, not Completed.");
        }

        return 0;
    }

    /// <summary>
    /// Whether a node only writes while the cluster records, so a preview run is worth a note. Chimera's recorders are
    /// named <c>*Recorder</c>; user recorders are not recognised and get no note.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>Whether it is one of Chimera's recorders.</returns>
    private static bool IsRecorder(Node node) =>
        node.GetType().Assembly == typeof(Chimera.Nodes.BuiltInNodes).Assembly && node.GetType().Name.EndsWith("Recorder", StringComparison.Ordinal);
}
