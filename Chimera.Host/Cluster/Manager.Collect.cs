using Chimera.Cluster;
using Chimera.Cluster.Collect;
using Chimera.Cluster.Http;
using Chimera.Cluster.Workers;

namespace Chimera;

public sealed partial class Manager
{
    /// <summary>The last run reset away, kept so it can still be collected (its workers keep their files).</summary>
    private RunState? _lastRun;

    /// <summary>Chunk size, attempts, same-host moves and test faults of <see cref="CollectAsync"/>.</summary>
    internal CollectSettings Collect { get; } = new();

    /// <summary>
    /// Gathers the files of the last run into one folder on this machine, ChimeraPy's <c>collect</c>:
    /// <c>destination/&lt;yyyy-MM-dd_HH-mm-ss&gt;-&lt;run id&gt;/&lt;worker&gt;/&lt;node&gt;/…</c> beside the run's <c>meta.json</c>.
    /// </summary>
    /// <remarks>
    /// <para>An embedded worker's folder is moved (a rename, or copy and delete across devices), and so is the folder of
    /// a worker process on this host; any other worker packs its folder into a tar that the manager pulls in chunks over
    /// the control API, each chunk's SHA-256 checked on arrival and the whole archive's after, resuming where a broken
    /// transfer stopped and retrying up to three times.</para>
    /// <para>A worker's folder appears in the run folder only complete: it is assembled in a hidden <c>.worker.partial/</c>
    /// folder and renamed in one step. A worker that fails does not stop the others; the exception lists every failure.</para>
    /// <para>Works after <see cref="StopAsync"/> or <see cref="WaitForCompletionAsync"/>, and after <see cref="ResetAsync"/>
    /// too (workers keep their files until collected), as long as the workers are still registered; a new commit makes
    /// the new run the one collected. Collecting again replaces each worker's folder with a fresh copy.</para>
    /// </remarks>
    /// <param name="destination">The log directory to gather into; defaults to <see cref="ManagerOptions.LogDirectory"/>.</param>
    /// <param name="progress">Receives each worker's progress (also published as <c>collect-progress</c> events).</param>
    /// <param name="cancellationToken">Cancels the collect; nothing that looks complete is left for a worker in flight.</param>
    /// <returns>Where everything is, per worker.</returns>
    /// <exception cref="InvalidOperationException">No run was committed, the run is still running, or there is no destination.</exception>
    /// <exception cref="IOException">Some workers' files could not be collected; the message names each worker, the run and the reason.</exception>
    public async Task<CollectResult> CollectAsync(string? destination = null, IProgress<CollectProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var run = _run ?? _lastRun ?? throw new InvalidOperationException("Cannot collect: no run was committed. Commit, record and stop a run first.");
            var runId = run.Blueprint.Id;
            if (_run is not null && run.Status is RunStatus.Running or RunStatus.Stopping)
            {
                throw new InvalidOperationException($"Cannot collect run {runId}: it is still running; call StopAsync or WaitForCompletionAsync first.");
            }

            var logDirectory = destination ?? Options.LogDirectory
                ?? throw new InvalidOperationException($"Cannot collect run {runId}: there is no destination; pass one or set ManagerOptions.LogDirectory.");
            var target = Path.Combine(Path.GetFullPath(logDirectory), WorkerRuntime.RunFolderName(run.Blueprint));
            Directory.CreateDirectory(target);
            CopyMetadata(run, target);

            void Report(CollectProgress p)
            {
                progress?.Report(p);
                Publish(new ClusterEvent("collect-progress", Options.Clock.GetUtcNow(), p.Worker, null, p.Message, Collect: p));
            }

            var collected = new List<CollectedWorker>();
            var failures = new List<string>();
            foreach (var (name, worker) in run.Workers)
            {
                try
                {
                    collected.Add(worker.IsEmbedded
                        ? CollectEmbedded(run, name, target, Report)
                        : await CollectRemoteAsync(runId, name, target, Report, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ControlApiException)
                {
                    failures.Add(ex.Message);
                }
            }

            if (failures.Count > 0)
            {
                throw new IOException($"Collecting run {runId} into {target} failed for {failures.Count} of {run.Workers.Count} workers:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
            }

            Publish(new ClusterEvent("run-collected", Options.Clock.GetUtcNow(), null, null, $"Run {runId} collected into {target}."));
            return new CollectResult(runId, target, collected);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>An embedded worker wrote into the manager's run folder: nothing to do there, else a move.</summary>
    private static CollectedWorker CollectEmbedded(RunState run, string name, string target, Action<CollectProgress> report)
    {
        var runId = run.Blueprint.Id;
        var final = Path.Combine(target, name);
        var source = run.RunDirectory is null ? null : Path.Combine(run.RunDirectory, name);
        if (source is null || !Directory.Exists(source))
        {
            var (files, bytes) = RunFolderPublisher.Measure(final);
            report(new CollectProgress(runId, name, CollectStage.Completed, bytes, bytes, 1, $"Worker '{name}' has nothing new to collect for run {runId}."));
            return new CollectedWorker(name, files == 0 ? "empty" : "in-place", final, files, bytes, null, 1);
        }

        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(final), StringComparison.Ordinal))
        {
            var (files, bytes) = RunFolderPublisher.Measure(final);
            report(new CollectProgress(runId, name, CollectStage.Completed, bytes, bytes, 1, $"Worker '{name}': {files} files already in {final}."));
            return new CollectedWorker(name, "in-place", final, files, bytes, null, 1);
        }

        return MoveFolder(runId, name, source, target, 1, report);
    }

    /// <summary>A worker process: moved when it runs on this host (and the folder can be moved), else pulled as an archive.</summary>
    private async Task<CollectedWorker> CollectRemoteAsync(string runId, string name, string target, Action<CollectProgress> report, CancellationToken cancellationToken)
    {
        if (!_members.TryGetValue(name, out var member))
        {
            throw new IOException($"Cannot collect worker '{name}' of run {runId}: it is no longer registered with the manager; its files stay in its own log directory.");
        }

        using var client = new ControlClient(member.ControlUrl, $"worker '{name}'", _signer, TimeSpan.FromMinutes(10));
        var puller = new ArchivePuller(client, runId, name, target, Collect, report);
        if (Collect.MoveLocalFolders)
        {
            var manifest = await puller.DescribeAsync(cancellationToken).ConfigureAwait(false);
            if (manifest.Host == System.Net.Dns.GetHostName() && Directory.Exists(manifest.Directory))
            {
                var final = Path.Combine(target, name);
                if (string.Equals(Path.GetFullPath(manifest.Directory), Path.GetFullPath(final), StringComparison.Ordinal))
                {
                    var (files, bytes) = RunFolderPublisher.Measure(final);
                    return new CollectedWorker(name, "in-place", final, files, bytes, null, 1);
                }

                try
                {
                    return MoveFolder(runId, name, manifest.Directory, target, 1, report);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Same host but not movable by this process (permissions, busy): send it through the network instead.
                    report(new CollectProgress(runId, name, CollectStage.Retrying, 0, 0, 1, $"Moving worker '{name}''s folder {manifest.Directory} failed ({ex.Message}); transferring it instead."));
                }
            }
        }

        return await puller.PullAsync(cancellationToken).ConfigureAwait(false);
    }

    private static CollectedWorker MoveFolder(string runId, string name, string source, string target, int attempt, Action<CollectProgress> report)
    {
        var final = Path.Combine(target, name);
        var partial = RunFolderPublisher.PartialOf(target, name);
        var (files, bytes) = RunFolderPublisher.Measure(source);
        report(new CollectProgress(runId, name, CollectStage.Transferring, 0, bytes, attempt, $"Moving worker '{name}''s {files} files of run {runId} from {source}."));
        try
        {
            RunFolderPublisher.Move(source, partial);
            RunFolderPublisher.Publish(partial, final);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RunFolderPublisher.TryDelete(partial);
            throw new IOException($"Moving worker '{name}''s files of run {runId} from {source} to {final} failed: {ex.Message}", ex);
        }

        report(new CollectProgress(runId, name, CollectStage.Completed, bytes, bytes, attempt, $"Worker '{name}': {files} files moved into {final}."));
        return new CollectedWorker(name, "moved", final, files, bytes, null, attempt);
    }

    /// <summary>Copies the run's <c>meta.json</c> when collecting somewhere other than the manager's own run folder.</summary>
    private static void CopyMetadata(RunState run, string target)
    {
        if (run.RunDirectory is null)
        {
            return;
        }

        var meta = Path.Combine(run.RunDirectory, "meta.json");
        var copy = Path.Combine(target, "meta.json");
        if (File.Exists(meta) && !string.Equals(Path.GetFullPath(meta), copy, StringComparison.Ordinal))
        {
            File.Copy(meta, copy, overwrite: true);
        }
    }
}
