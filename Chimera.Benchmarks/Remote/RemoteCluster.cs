using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// A manager in this process and worker processes (<c>chimera worker</c>) on loopback, for the <c>remote.*</c>
/// figures. Disposing shuts the manager down and kills and awaits every worker process.
/// </summary>
internal sealed class RemoteCluster : IAsyncDisposable
{
    /// <summary>The worker processes.</summary>
    private readonly IReadOnlyList<ChildProcess> _workers;

    private RemoteCluster(Manager manager, IReadOnlyList<ChildProcess> workers, IReadOnlyList<string> names)
    {
        Manager = manager;
        _workers = workers;
        WorkerNames = names;
    }

    /// <summary>The manager; commit with a mapping onto <see cref="WorkerNames"/>.</summary>
    public Manager Manager { get; }

    /// <summary>The registered workers' names: <c>w1</c>, <c>w2</c>, ...</summary>
    public IReadOnlyList<string> WorkerNames { get; }

    /// <summary>
    /// Starts a manager with its control API on loopback and <paramref name="workers"/> worker processes named
    /// <c>w1</c>..<c>wN</c>, and returns once every worker has registered. This is the one method to implement when the
    /// worker process and its data plane (StreamRefs over TCP) are in the tree; every <c>remote.*</c> scenario is
    /// already written against it:
    /// <list type="number">
    /// <item><c>var manager = new Manager(); var url = await manager.StartServerAsync(ct);</c></item>
    /// <item>for each name, <c>ChildProcess.StartExecutable(path of the chimera apphost next to this program,
    /// ["worker", "--manager", url, "--name", name])</c> (or <c>dotnet chimera.dll</c>);</item>
    /// <item>poll <c>manager.RegisteredWorkers</c> until every name is there (fail after ~30 s, quoting the
    /// workers' standard error);</item>
    /// <item><c>return new RemoteCluster(manager, children, names);</c></item>
    /// </list>
    /// </summary>
    /// <exception cref="BenchmarkUnavailableException">Always, until the worker process data plane exists.</exception>
    public static Task<RemoteCluster> StartAsync(int workers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _ = cancellationToken;
        throw new BenchmarkUnavailableException("needs the worker process data plane (chimera worker + StreamRefs over TCP), not in this tree yet");
    }

    /// <summary>Commits <paramref name="graph"/> with nodes placed by <paramref name="placement"/> (node → worker index, 0-based).</summary>
    public Task<Blueprint> CommitAsync(Graph graph, IReadOnlyDictionary<string, int> placement, CancellationToken cancellationToken)
    {
        var mapping = placement
            .GroupBy(p => WorkerNames[p.Value], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Key)], StringComparer.Ordinal);
        return Manager.CommitGraphAsync(graph, mapping, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Manager.ShutdownAsync(keepWorkers: false).ConfigureAwait(false);
            await Manager.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            foreach (var worker in _workers)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
