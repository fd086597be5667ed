using System.Text.Json;
using Chimera.Cluster;
using Chimera.Cluster.Workers;

namespace Chimera;

public sealed partial class Manager
{
    /// <summary>meta.json is read by people as much as by programs: the control API's names, indented.</summary>
    private static readonly JsonSerializerOptions s_metaJson = new(Cluster.Http.ControlJson.Options) { WriteIndented = true };

    /// <summary>Starts data flowing in preview mode: nodes step, recorders do not write.</summary>
    /// <exception cref="InvalidOperationException">Nothing is committed, or the run already started.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(manualSources: false, cancellationToken);

    private async Task StartAsync(bool manualSources, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfNotCommitted("start");
            var run = _run!;
            if (run.Started)
            {
                throw new InvalidOperationException($"Run {run.Blueprint.Id} was already started.");
            }

            // Downstream first, so receivers are ready before senders produce.
            foreach (var worker in run.Workers.Values.Reverse())
            {
                await worker.SetRecordingAsync(_recording, cancellationToken).ConfigureAwait(false);
                await worker.StartAsync(manualSources, cancellationToken).ConfigureAwait(false);
            }

            run.Started = true;
            run.ManualSources = manualSources;
            run.StartedAt = Options.Clock.GetUtcNow();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Runs exactly one step of every source and waits until their outputs are published (ChimeraPy's offline
    /// <c>step</c>). The first call starts the run with sources that step only when asked; <see cref="StopAsync"/>
    /// drains as usual.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is committed, or the run was started to flow freely.</exception>
    public async Task StepAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("step");
        var run = _run!;
        if (!run.Started)
        {
            await StartAsync(manualSources: true, cancellationToken).ConfigureAwait(false);
        }
        else if (!run.ManualSources)
        {
            throw new InvalidOperationException($"Run {run.Blueprint.Id} was started to flow freely; step works on a run that StepAsync started.");
        }

        await Task.WhenAll(run.Workers.Values.Select(w => w.StepAsync(cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Switches recorders on everywhere (and starts the run if it has not started).</summary>
    public async Task RecordAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("record");
        _recording = true;
        if (!_run!.Started)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var worker in _run.Workers.Values)
        {
            await worker.SetRecordingAsync(true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the sources on every worker and waits for the drain: everything already produced reaches the sinks, each
    /// node tears down after its inputs completed, and the returned counters add up across workers.
    /// </summary>
    /// <param name="cancellationToken">Gives up waiting for the drain: the run is aborted and the token's exception thrown.</param>
    /// <exception cref="RunFailedException">A node or a worker failed; the exception carries the report.</exception>
    public async Task<RunReport> StopAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("stop");
        var run = _run!;
        run.Stopping = true;
        foreach (var (name, worker) in run.Workers)
        {
            if (!run.Finished[name].Task.IsCompleted)
            {
                await TryAsync(worker, w => w.StopSourcesAsync(cancellationToken)).ConfigureAwait(false);
            }
        }

        return await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the run completes by itself (every source ended and the drain finished) or fails.</summary>
    /// <param name="cancellationToken">Gives up waiting: the run is aborted.</param>
    /// <exception cref="RunFailedException">A node or a worker failed; the exception carries the report.</exception>
    public async Task<RunReport> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("wait for");
        var run = _run!;
        var finished = run.Finished.Values.Select(t => t.Task).ToArray();
        try
        {
            await Task.WhenAll(finished).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbortAsync(run).ConfigureAwait(false);
            await Task.WhenAll(finished).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        _recording = false;
        var report = run.Merge(run.Latest.ToDictionary(p => p.Key, p => (RunReport?)p.Value));
        await WriteRunMetadataAsync(run, report).ConfigureAwait(false);
        Publish(new ClusterEvent("run-finished", Options.Clock.GetUtcNow(), null, null, $"Run {run.Blueprint.Id} finished: {report.Status}."));
        if (report.Status == RunStatus.Failed)
        {
            throw new RunFailedException(report);
        }

        return report;
    }

    /// <summary>Returns the current counters of every node and edge, across workers.</summary>
    public RunReport GetReport()
    {
        var run = _run;
        if (run is null)
        {
            return new RunReport("(none)", RunStatus.Committed, [], [], []);
        }

        var reports = new Dictionary<string, RunReport?>(StringComparer.Ordinal);
        foreach (var (name, worker) in run.Workers)
        {
            reports[name] = worker is EmbeddedWorkerHandle embedded ? embedded.Runtime.Report() : run.Latest.GetValueOrDefault(name);
        }

        return run.Merge(reports);
    }

    /// <summary>Destroys the committed nodes on every worker (aborting a run still going) and keeps the workers, ready for another commit.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_run is { } run)
            {
                await ResetWorkersAsync(run.Workers.Values).ConfigureAwait(false);
                foreach (var name in run.Workers.Keys)
                {
                    run.Finished[name].TrySetResult(run.Latest.GetValueOrDefault(name) ?? new RunReport(run.Blueprint.Id, RunStatus.Failed, [], [], []));
                }
            }

            _lastRun = _run ?? _lastRun;
            _run = null;
            _recording = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Resets the cluster and releases it: registered workers exit (or stay up for another manager when
    /// <paramref name="keepWorkers"/> is true), the control API stops, and the manager cannot be used afterwards.
    /// </summary>
    public async Task ShutdownAsync(bool keepWorkers = false, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return;
        }

        await ResetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var member in _members.Values)
        {
            await TryAsync(member.Handle, w => w.ShutdownAsync(!keepWorkers, cancellationToken)).ConfigureAwait(false);
            await member.Handle.DisposeAsync().ConfigureAwait(false);
        }

        _members.Clear();
        await StopServerAsync().ConfigureAwait(false);
        _disposed = true;
    }

    private void OnNodeFailed(RunState run, NodeFailure failure)
    {
        if (failure.Phase == "teardown")
        {
            run.AddFailure(failure);
            return;
        }

        // Stop strategy: a node failing on one worker stops the whole graph.
        run.AddFailure(failure);
        LogNodeFailed(_logger, failure.Node, failure.Worker, failure.Phase, failure.Error);
        Publish(new ClusterEvent("node-failed", Options.Clock.GetUtcNow(), failure.Worker, failure.Node, $"Node '{failure.Node}' on worker '{failure.Worker}' failed during {failure.Phase}: {failure.Error}"));
        _ = AbortAsync(run);
    }

    private async Task AbortAsync(RunState run)
    {
        foreach (var (name, worker) in run.Workers)
        {
            if (!run.Finished[name].Task.IsCompleted)
            {
                await TryAsync(worker, w => w.AbortAsync(CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    private async Task TryAsync(IWorkerHandle worker, Func<IWorkerHandle, Task> action)
    {
        try
        {
            await action(worker).ConfigureAwait(false);
        }
        catch (ControlApiException ex)
        {
            Publish(new ClusterEvent("worker-error", Options.Clock.GetUtcNow(), worker.Name, null, ex.Message));
        }
    }

    private async Task WriteRunMetadataAsync(RunState run, RunReport report)
    {
        if (run.RunDirectory is null)
        {
            return;
        }

        var meta = new
        {
            run = run.Blueprint.Id,
            graph = run.Blueprint.Name,
            blueprint = JsonDocument.Parse(run.Blueprint.ToJson()).RootElement,
            mapping = run.Blueprint.Partitions.ToDictionary(p => p.Worker, p => p.Nodes),
            workers = run.Workers.Values.Select(w => new { name = w.Name, embedded = w.IsEmbedded, status = _members.TryGetValue(w.Name, out var m) ? m.ToStatus() : null, clock = ClockOf(w) }),
            startedAt = run.StartedAt,
            stoppedAt = Options.Clock.GetUtcNow(),
            status = report.Status.ToString(),
            versions = new { chimera = typeof(Manager).Assembly.GetName().Version?.ToString(), dotnet = Environment.Version.ToString(), os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            nodes = report.Nodes,
            edges = report.Edges,
            failures = report.Failures,
        };
        var path = Path.Combine(run.RunDirectory, "meta.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(meta, s_metaJson)).ConfigureAwait(false);
    }
}
