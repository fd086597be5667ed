using Chimera.Cluster;
using Chimera.Cluster.Assemblies;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Workers;
using Chimera.Runtime;

namespace Chimera;

public sealed partial class Manager
{
    /// <summary>
    /// Validates and compiles <paramref name="graph"/> with <paramref name="mapping"/>, ships the node assemblies to
    /// workers that lack them, creates every node on its worker and runs its setup, then connects cross-worker edges.
    /// Returns when every node is ready and every edge connected; on failure nothing is left created.
    /// </summary>
    /// <param name="graph">The graph to run.</param>
    /// <param name="mapping">Worker name → node names. <see langword="null"/> runs everything on one worker.</param>
    /// <param name="cancellationToken">Cancels the commit (what was created is torn down).</param>
    /// <returns>The compiled blueprint.</returns>
    /// <exception cref="GraphValidationException">The graph or mapping is invalid.</exception>
    /// <exception cref="CommitFailedException">A node could not be created or set up, or an edge could not connect; the message names each.</exception>
    /// <exception cref="InvalidOperationException">A graph is already committed (reset first), or a mapped worker is unknown.</exception>
    public Task<Blueprint> CommitGraphAsync(Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var blueprint = graph.Compile(mapping);
        var roots = graph.Nodes.Select(n => n.Node.GetType().Assembly).Distinct();
        return CommitAsync(blueprint, () => AssemblyCatalog.For(roots), cancellationToken);
    }

    /// <summary>Commits an already compiled blueprint whose assemblies are in the manager's store (the control API's path).</summary>
    internal Task<Blueprint> CommitBlueprintAsync(Blueprint blueprint, IReadOnlyList<AssemblyRef> assemblies, AssemblyStore store, CancellationToken cancellationToken) =>
        CommitAsync(blueprint, () => [.. assemblies.Select(a => (a, store.PathOf(a.Sha256)))], cancellationToken);

    private async Task<Blueprint> CommitAsync(Blueprint blueprint, Func<IReadOnlyList<(AssemblyRef Ref, string Path)>> assemblies, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (_run is not null)
            {
                throw new InvalidOperationException($"Run {_run.Blueprint.Id} is still committed; call ResetAsync before committing another graph.");
            }

            var workers = PickWorkers(blueprint);
            var runDirectory = CreateRunDirectory(blueprint);
            var shipped = workers.Values.Any(w => !w.IsEmbedded) ? assemblies() : [];
            var refs = shipped.Select(s => s.Ref).ToList();
            var committed = new List<IWorkerHandle>();
            var failures = new List<NodeFailure>();

            // In one process both ends of an edge between embedded workers share a channel: the in-memory transport.
            var channels = blueprint.Edges.ToDictionary(e => e.Id, e => new EdgeChannel(e), StringComparer.Ordinal);

            // Workers are prepared and committed side by side, so a commit takes as long as the slowest worker rather
            // than the sum of them (each loads and compiles its nodes' code on its own cores). The first worker that
            // fails stops the others' preparation; then every worker that got as far as committing is reset.
            using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            async Task<IReadOnlyList<NodeFailure>> CommitOnAsync(string name, IWorkerHandle worker)
            {
                try
                {
                    Publish(new ClusterEvent("commit-progress", Options.Clock.GetUtcNow(), name, null, $"Preparing worker '{name}' for run {blueprint.Id}."));
                    var missing = await worker.PrepareAsync(refs, failFast.Token).ConfigureAwait(false);
                    foreach (var (assembly, path) in shipped.Where(s => missing.Contains(s.Ref.Sha256)))
                    {
                        Publish(new ClusterEvent("commit-progress", Options.Clock.GetUtcNow(), name, null, $"Shipping assembly '{assembly.Name}' ({assembly.Length} bytes) to worker '{name}'."));
                        await worker.UploadAsync(assembly, path, failFast.Token).ConfigureAwait(false);
                    }

                    lock (committed)
                    {
                        committed.Add(worker);
                    }

                    // Not cancelled when another worker fails: a commit cut off in flight could still land on the
                    // worker after the reset below; let it finish, then reset it.
                    var workerFailures = await worker.CommitAsync(blueprint, refs, runDirectory, worker.IsEmbedded ? edge => channels[edge.Id] : null, cancellationToken).ConfigureAwait(false);
                    Publish(new ClusterEvent("commit-progress", Options.Clock.GetUtcNow(), name, null, workerFailures.Count == 0
                        ? $"Worker '{name}': {blueprint.GetPartition(name).Nodes.Count} nodes ready."
                        : $"Worker '{name}': {workerFailures.Count} nodes failed."));
                    return workerFailures;
                }
                catch
                {
                    await failFast.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            }

            var commits = workers.Select(pair => CommitOnAsync(pair.Key, pair.Value)).ToList();
            try
            {
                await Task.WhenAll(commits).ConfigureAwait(false);
            }
            catch
            {
                // Each task is looked at below: WhenAll rethrows the first in list order, which may be a worker
                // cancelled because another one failed rather than the failure itself.
            }

            if (commits.Any(c => !c.IsCompletedSuccessfully))
            {
                await ResetWorkersAsync(committed).ConfigureAwait(false);
                var errors = commits.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException!).ToList();
                var cause = errors.FirstOrDefault(e => e is not OperationCanceledException) ?? errors.FirstOrDefault();
                if (cause is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new OperationCanceledException(failFast.Token);
                }

                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            failures.AddRange(commits.SelectMany(c => c.Result));
            try
            {
                if (failures.Count == 0)
                {
                    failures.AddRange(await ConnectAsync(blueprint, workers, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (Exception ex) when (ex is ControlApiException or OperationCanceledException)
            {
                await ResetWorkersAsync(committed).ConfigureAwait(false);
                throw;
            }

            if (failures.Count > 0)
            {
                await ResetWorkersAsync(committed).ConfigureAwait(false);
                throw new CommitFailedException(failures);
            }

            var run = new RunState(blueprint, runDirectory, workers);
            foreach (var worker in workers.Values.OfType<EmbeddedWorkerHandle>())
            {
                worker.Runtime.Finished += report => run.Finish(worker.Name, report);
                worker.Runtime.NodeFailed += failure => OnNodeFailed(run, failure);
            }

            _run = run;
            LogCommitted(_logger, blueprint.Id, blueprint.Nodes.Count, workers.Count);
            return blueprint;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Gives each worker the address of the sending side of each of its incoming cross-process edges.</summary>
    private async Task<IReadOnlyList<NodeFailure>> ConnectAsync(Blueprint blueprint, IReadOnlyDictionary<string, IWorkerHandle> workers, CancellationToken cancellationToken)
    {
        var failures = new List<NodeFailure>();
        var remote = blueprint.Edges.Where(e => e.IsRemote && !(workers[e.FromWorker].IsEmbedded && workers[e.ToWorker].IsEmbedded)).ToList();
        if (remote.Count == 0)
        {
            return failures;
        }

        var senders = remote.ToDictionary(e => e.Id, e => _members.TryGetValue(e.FromWorker, out var m) ? m.DataEndpoint : string.Empty, StringComparer.Ordinal);
        foreach (var receiver in remote.Select(e => e.ToWorker).Distinct())
        {
            var errors = await workers[receiver].ConnectAsync(new ConnectRequest(blueprint.Id, senders), cancellationToken).ConfigureAwait(false);
            failures.AddRange(errors.Select(error => new NodeFailure("(edge)", receiver, "connect", error, error)));
        }

        return failures;
    }

    /// <summary>
    /// Maps the blueprint's worker names onto registered workers, or onto embedded ones when none has registered.
    /// </summary>
    private Dictionary<string, IWorkerHandle> PickWorkers(Blueprint blueprint)
    {
        var names = blueprint.Partitions.Select(p => p.Worker).ToList();
        var registered = _members.Values.ToList();
        if (registered.Count == 0)
        {
            return names.ToDictionary(
                n => n,
                n => (IWorkerHandle)new EmbeddedWorkerHandle(new WorkerRuntime(n, _loggerFactory, Options.Clock, null, null)),
                StringComparer.Ordinal);
        }

        var errors = new List<string>();
        foreach (var name in names)
        {
            if (!_members.TryGetValue(name, out var member))
            {
                errors.Add($"Worker '{name}' is not registered with the manager (registered: {string.Join(", ", registered.Select(m => m.Name).Order())}).");
            }
            else if (!member.Reachable)
            {
                errors.Add($"Worker '{name}' is unreachable (no heartbeat since {member.LastHeartbeat:O}).");
            }
        }

        if (errors.Count > 0)
        {
            throw new GraphValidationException("worker mapping", errors);
        }

        return names.ToDictionary(n => n, n => (IWorkerHandle)_members[n].Handle, StringComparer.Ordinal);
    }

    private async Task ResetWorkersAsync(IEnumerable<IWorkerHandle> workers)
    {
        foreach (var worker in workers)
        {
            try
            {
                await worker.ResetAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ControlApiException)
            {
                // The worker is gone; there is nothing of the run left on it to tear down.
            }

            if (worker.IsEmbedded)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private string? CreateRunDirectory(Blueprint blueprint)
    {
        if (Options.LogDirectory is null)
        {
            return null;
        }

        var dir = Path.Combine(Path.GetFullPath(Options.LogDirectory), WorkerRuntime.RunFolderName(blueprint));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
