using System.Text.Json;
using Chimera.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera;

/// <summary>
/// Runs graphs on a cluster of workers: commit a graph with a mapping onto workers, start (preview), record, stop (a
/// drain), and read the counters. This is ChimeraPy's manager in .NET form; without remote workers it is an embedded
/// local cluster where every worker named in the mapping runs in this process.
/// </summary>
/// <example>
/// <code>
/// await using var manager = new Manager();
/// await manager.CommitGraphAsync(graph, new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["w1"] = ["source"], ["w2"] = ["sink"] });
/// await manager.StartAsync();
/// await Task.Delay(1000);
/// RunReport report = await manager.StopAsync();
/// </code>
/// </example>
public sealed partial class Manager : IAsyncDisposable
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private List<PartitionRuntime> _partitions = [];
    private volatile bool _recording;
    private bool _disposed;

    /// <summary>Creates a manager with an embedded local cluster.</summary>
    public Manager(ManagerOptions? options = null)
    {
        Options = options ?? new ManagerOptions();
        _loggerFactory = Options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Chimera.Manager");
    }

    /// <summary>The manager's options.</summary>
    public ManagerOptions Options { get; }

    /// <summary>The committed blueprint, or <see langword="null"/> before the first commit and after a reset.</summary>
    public Blueprint? Blueprint { get; private set; }

    /// <summary>The folder of the current run in <see cref="ManagerOptions.LogDirectory"/>, or <see langword="null"/>.</summary>
    public string? RunDirectory { get; private set; }

    /// <summary>Whether recorders are writing (after <see cref="RecordAsync"/>) rather than previewing.</summary>
    public bool IsRecording => _recording;

    /// <summary>The workers of the current commit.</summary>
    public IReadOnlyList<string> Workers => [.. _partitions.Select(p => p.Partition.Worker)];

    /// <summary>Where the current run is; <see cref="RunStatus.Committed"/> until started.</summary>
    public RunStatus? Status => _partitions.Count == 0 ? null : Combine(_partitions.Select(p => p.Status));

    /// <summary>
    /// Validates and compiles <paramref name="graph"/> with <paramref name="mapping"/>, creates every node on its worker
    /// and runs its setup. Returns when every node is ready; on failure nothing is left created.
    /// </summary>
    /// <param name="graph">The graph to run.</param>
    /// <param name="mapping">Worker name → node names. <see langword="null"/> runs everything on one worker.</param>
    /// <param name="cancellationToken">Cancels the commit (what was created is torn down).</param>
    /// <returns>The compiled blueprint.</returns>
    /// <exception cref="GraphValidationException">The graph or mapping is invalid.</exception>
    /// <exception cref="CommitFailedException">A node could not be created or set up; the message names each.</exception>
    /// <exception cref="InvalidOperationException">A graph is already committed; reset first.</exception>
    public async Task<Blueprint> CommitGraphAsync(Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            if (Blueprint is not null)
            {
                throw new InvalidOperationException(
                    $"Run {Blueprint.Id} is still committed; call ResetAsync before committing another graph.");
            }

            var blueprint = graph.Compile(mapping);
            var runDirectory = CreateRunDirectory(blueprint);

            // In one process both ends of a cross-worker edge share a channel: the in-memory transport.
            var channels = blueprint.Edges.ToDictionary(e => e.Id, e => new EdgeChannel(e), StringComparer.Ordinal);
            var partitions = new List<PartitionRuntime>();
            var failures = new List<NodeFailure>();
            foreach (var partition in blueprint.Partitions)
            {
                var runtime = new PartitionRuntime(
                    blueprint,
                    new StageEnvironment
                    {
                        WorkerName = partition.Worker,
                        RunId = blueprint.Id,
                        LoggerFactory = _loggerFactory,
                        Clock = Options.Clock,
                        IsRecording = () => _recording,
                        RunDirectory = runDirectory,
                    },
                    edge => channels[edge.Id]);
                try
                {
                    await runtime.SetupAsync(cancellationToken).ConfigureAwait(false);
                    partitions.Add(runtime);
                }
                catch (CommitFailedException ex)
                {
                    failures.AddRange(ex.Failures);
                }
            }

            if (failures.Count > 0 || cancellationToken.IsCancellationRequested)
            {
                foreach (var created in partitions)
                {
                    await created.DisposeAsync().ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new CommitFailedException(failures);
            }

            foreach (var runtime in partitions)
            {
                runtime.Failed += OnNodeFailed;
            }

            _partitions = partitions;
            Blueprint = blueprint;
            RunDirectory = runDirectory;
            LogCommitted(_logger, blueprint.Id, blueprint.Nodes.Count, partitions.Count);
            return blueprint;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts data flowing in preview mode: nodes step, recorders do not write.</summary>
    /// <exception cref="InvalidOperationException">Nothing is committed, or the run already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfNotCommitted("start");
            if (_partitions.Any(p => p.Status != RunStatus.Committed))
            {
                throw new InvalidOperationException($"Run {Blueprint!.Id} was already started.");
            }

            foreach (var partition in _partitions)
            {
                partition.Start();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Switches recorders on (and starts the run if it has not started).</summary>
    public async Task RecordAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("record");
        _recording = true;
        if (_partitions.All(p => p.Status == RunStatus.Committed))
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the sources and waits for the drain: everything already produced reaches the sinks, each node tears down
    /// after its inputs completed, and the returned counters add up.
    /// </summary>
    /// <param name="cancellationToken">Gives up waiting for the drain: the run is aborted and the token's exception thrown.</param>
    /// <exception cref="RunFailedException">A node failed; the exception carries the report.</exception>
    public async Task<RunReport> StopAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("stop");
        foreach (var partition in _partitions)
        {
            partition.StopSources();
        }

        return await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the run completes by itself (every source ended and the drain finished) or fails.</summary>
    /// <param name="cancellationToken">Gives up waiting: the run is aborted.</param>
    /// <exception cref="RunFailedException">A node failed; the exception carries the report.</exception>
    public async Task<RunReport> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotCommitted("wait for");
        var partitions = _partitions;
        try
        {
            await Task.WhenAll(partitions.Select(p => p.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var partition in partitions)
            {
                partition.Abort();
            }

            await Task.WhenAll(partitions.Select(p => p.Completion)).ConfigureAwait(false);
            throw;
        }

        _recording = false;
        var report = GetReport();
        await WriteRunMetadataAsync(report).ConfigureAwait(false);
        if (report.Status == RunStatus.Failed)
        {
            throw new RunFailedException(report);
        }

        return report;
    }

    /// <summary>Returns the current counters of every node and edge.</summary>
    public RunReport GetReport()
    {
        var reports = _partitions.Select(p => p.Report()).ToList();
        return new RunReport(
            Blueprint?.Id ?? "(none)",
            Combine(reports.Select(r => r.Status)),
            [.. reports.SelectMany(r => r.Nodes)],
            [.. reports.SelectMany(r => r.Edges).DistinctBy(e => e.Id)],
            [.. reports.SelectMany(r => r.Failures)]);
    }

    /// <summary>Destroys the committed nodes (aborting a run still going) and keeps the workers, ready for another commit.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var partition in _partitions)
            {
                partition.Failed -= OnNodeFailed;
                await partition.DisposeAsync().ConfigureAwait(false);
            }

            _partitions = [];
            Blueprint = null;
            RunDirectory = null;
            _recording = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Resets and releases the cluster; the manager cannot be used afterwards.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return;
        }

        await ResetAsync(cancellationToken).ConfigureAwait(false);
        _disposed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    private static RunStatus Combine(IEnumerable<RunStatus> statuses)
    {
        var all = statuses.ToList();
        if (all.Count == 0)
        {
            return RunStatus.Committed;
        }

        if (all.Contains(RunStatus.Failed))
        {
            return RunStatus.Failed;
        }

        return all.All(s => s == RunStatus.Completed) ? RunStatus.Completed : all.Min();
    }

    private void OnNodeFailed(NodeFailure failure)
    {
        // A node on one worker failed under the stop strategy: the whole graph stops.
        if (failure.Phase == "teardown")
        {
            return;
        }

        foreach (var partition in _partitions)
        {
            partition.Abort();
        }
    }

    private string? CreateRunDirectory(Blueprint blueprint)
    {
        if (Options.LogDirectory is null)
        {
            return null;
        }

        var dir = Path.Combine(Path.GetFullPath(Options.LogDirectory), $"{blueprint.CompiledAt.UtcDateTime:yyyy-MM-dd_HH-mm-ss}-{blueprint.Id}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private async Task WriteRunMetadataAsync(RunReport report)
    {
        if (RunDirectory is null || Blueprint is null)
        {
            return;
        }

        var meta = new
        {
            run = Blueprint.Id,
            graph = Blueprint.Name,
            blueprint = JsonDocument.Parse(Blueprint.ToJson()).RootElement,
            mapping = Blueprint.Partitions.ToDictionary(p => p.Worker, p => p.Nodes),
            workers = Blueprint.Partitions.Select(p => p.Worker),
            stoppedAt = DateTimeOffset.UtcNow,
            status = report.Status.ToString(),
            versions = new { chimera = typeof(Manager).Assembly.GetName().Version?.ToString(), runtime = Environment.Version.ToString() },
            nodes = report.Nodes,
            edges = report.Edges,
            failures = report.Failures,
        };
        var path = Path.Combine(RunDirectory, "meta.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(meta, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
    }

    private void ThrowIfNotCommitted(string action)
    {
        ThrowIfDisposed();
        if (Blueprint is null)
        {
            throw new InvalidOperationException($"Cannot {action}: no graph is committed. Call CommitGraphAsync first.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Committed run {RunId}: {Nodes} nodes on {Workers} workers.")]
    private static partial void LogCommitted(ILogger logger, string runId, int nodes, int workers);
}
