using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks.Remote;

/// <summary>
/// A manager in this process and worker processes (<c>chimera worker</c>) on loopback, for the <c>remote.*</c>
/// figures. Disposing shuts the manager down and kills and awaits every worker process.
/// </summary>
internal sealed class RemoteCluster : IAsyncDisposable
{
    /// <summary>Environment of worker processes started as a user would start them: the runtime's defaults, warnings only.</summary>
    private static readonly Dictionary<string, string> s_defaultWorkerEnvironment = new() { ["CHIMERA_LOG_LEVEL"] = "Warning" };

    /// <summary>Environment of worker processes that must run optimized code after one short warm-up: the same, without tiered compilation.</summary>
    private static readonly Dictionary<string, string> s_workerEnvironment = new(s_defaultWorkerEnvironment) { ["DOTNET_TieredCompilation"] = "0" };

    /// <summary>
    /// Environment of worker processes that run the runtime's default code (tiered compilation with dynamic PGO) and
    /// should reach their final code within a short warm-up: methods start counting calls towards that code at once,
    /// instead of only after 100 ms without new tier-0 compilations, which a busy worker committing a graph per run kept
    /// postponing (six one-second warm-up windows still ran tier-0 code at ~6 µs per element).
    /// </summary>
    private static readonly Dictionary<string, string> s_tieredWorkerEnvironment = new(s_defaultWorkerEnvironment) { ["DOTNET_TC_CallCountingDelayMs"] = "0" };

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
    /// Starts a manager with its control API on loopback and <paramref name="workers"/> <c>chimera worker</c> processes
    /// named <c>w1</c>..<c>wN</c> (the apphost built next to this program), and returns once every worker has registered.
    /// The workers compile fully optimized code from the start (without dynamic PGO) by default; with
    /// <paramref name="compilation"/> they run the runtime's default tiered compilation, as a start-up figure and a
    /// steady-state figure of the code users run want. <paramref name="environment"/> adds variables to every worker's
    /// environment (runtime settings a figure measures), over those the compilation sets. With <paramref name="pinned"/>
    /// worker <c>wN</c> is started under <c>taskset -c</c> on core N − 1 (modulo the cores), so each worker has a core
    /// of its own, as it would on a machine of its own.
    /// </summary>
    /// <exception cref="TimeoutException">A worker did not register within 30 s.</exception>
    /// <exception cref="BenchmarkUnavailableException"><paramref name="pinned"/> and <c>taskset</c> is not installed (util-linux).</exception>
    public static async Task<RemoteCluster> StartAsync(int workers, CancellationToken cancellationToken, WorkerCompilation compilation = WorkerCompilation.FullyOptimized, IReadOnlyDictionary<string, string>? environment = null, bool pinned = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "chimera.exe" : "chimera");
        if (!File.Exists(executable))
        {
            throw new BenchmarkUnavailableException($"the chimera apphost is not next to the benchmarks ({executable})");
        }

        var taskset = pinned ? FindOnPath("taskset") ?? throw new BenchmarkUnavailableException("pinning workers needs taskset (util-linux), which is not on PATH") : null;

        var manager = new Manager();
        var url = await manager.StartServerAsync(cancellationToken).ConfigureAwait(false);
        var names = Enumerable.Range(1, workers).Select(i => $"w{i}").ToList();
        var children = new List<ChildProcess>();
        try
        {
            // Fully optimized from the start unless asked otherwise: a quick run's short windows would otherwise
            // measure tier-0 code in the first runs (the third run was 4-5x the first before this).
            var variables = new Dictionary<string, string>(compilation switch
            {
                WorkerCompilation.Defaults => s_defaultWorkerEnvironment,
                WorkerCompilation.TieredEager => s_tieredWorkerEnvironment,
                _ => s_workerEnvironment,
            });
            foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
            {
                variables[variable] = value;
            }

            for (var i = 0; i < names.Count; i++)
            {
                string[] worker = ["worker", "--manager", url, "--name", names[i]];
                children.Add(taskset is null
                    ? ChildProcess.StartExecutable(executable, worker, variables)
                    : ChildProcess.StartExecutable(taskset, ["-c", CoreOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture), executable, .. worker], variables));
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!names.All(n => manager.RegisteredWorkers.Any(w => w.Name == n && w.Liveness == "up")))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Workers {string.Join(", ", names)} did not all register with {url} within 30 s.");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            return new RemoteCluster(manager, children, names);
        }
        catch
        {
            await manager.DisposeAsync().ConfigureAwait(false);
            foreach (var child in children)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The core a pinned cluster gives worker <paramref name="index"/> (0-based): its own, while there are enough.</summary>
    public static int CoreOf(int index) => index % Environment.ProcessorCount;

    /// <summary>The full path of <paramref name="program"/> in a directory of PATH, or null.</summary>
    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The CPU time every worker process has used so far, added up.</summary>
    public TimeSpan WorkersProcessorTime => _workers.Aggregate(TimeSpan.Zero, (sum, worker) => sum + worker.ProcessorTime);

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
