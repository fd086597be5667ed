using Microsoft.Extensions.Logging;

namespace Chimera.Runtime;

/// <summary>
/// Runs one worker's partition of a blueprint in process: builds a stage per node over the given edge channels, sets
/// them up, starts them, drains on stop, aborts everything when a node fails under the stop strategy, and reports.
/// </summary>
internal sealed partial class PartitionRuntime : IAsyncDisposable
{
    private readonly StageEnvironment _env;
    private readonly List<NodeStage> _stages = [];
    private readonly List<EdgeChannel> _ownedEdges = [];
    private readonly List<NodeFailure> _failures = [];
    private readonly CancellationTokenSource _stopSources = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private Task? _running;
    private volatile RunStatus _status = RunStatus.Committed;

    /// <param name="blueprint">The committed blueprint.</param>
    /// <param name="env">The worker's environment for this run.</param>
    /// <param name="edgeFor">Returns the channel of an edge touching this partition; local edges and both ends of an in-process remote edge share one channel.</param>
    public PartitionRuntime(Blueprint blueprint, StageEnvironment env, Func<BlueprintEdge, EdgeChannel> edgeFor)
    {
        Blueprint = blueprint;
        _env = env;
        _logger = env.LoggerFactory.CreateLogger("Chimera.Runtime");
        Partition = blueprint.GetPartition(env.WorkerName);
        EdgeFor = edgeFor;
    }

    public Blueprint Blueprint { get; }

    public WorkerPartition Partition { get; }

    public Func<BlueprintEdge, EdgeChannel> EdgeFor { get; }

    public IReadOnlyList<NodeStage> Stages => _stages;

    public RunStatus Status => _status;

    /// <summary>Completes when every stage has finished (drained or aborted).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Raised once for every failure a node reports (from any thread).</summary>
    public event Action<NodeFailure>? Failed;

    public IReadOnlyList<NodeFailure> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Creates and sets up every node of the partition. On failure everything set up is torn down and <see cref="CommitFailedException"/> names every failed node.</summary>
    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        var failures = new List<NodeFailure>();
        var edges = new Dictionary<string, EdgeChannel>(StringComparer.Ordinal);
        EdgeChannel Edge(string id)
        {
            if (!edges.TryGetValue(id, out var channel))
            {
                channel = EdgeFor(Blueprint.GetEdge(id));
                edges[id] = channel;
                ChimeraMetrics.Track(channel, Blueprint.Id);
                _ownedEdges.Add(channel);
            }

            return channel;
        }

        foreach (var name in Partition.Nodes)
        {
            var node = Blueprint.GetNode(name);
            NodeStage stage;
            try
            {
                stage = new NodeStage(
                    node,
                    [.. node.Inputs.Select(from => Edge($"{from} -> {name}"))],
                    [.. node.Outputs.Select(to => Edge($"{name} -> {to}"))],
                    _env,
                    ReportFailure);
            }
            catch (Exception ex)
            {
                failures.Add(NodeFailure.From(name, _env.WorkerName, "create", ex));
                continue;
            }

            try
            {
                await stage.SetupAsync(cancellationToken).ConfigureAwait(false);
                _stages.Add(stage);
            }
            catch (StageFailedException ex)
            {
                failures.Add(ex.Failure);
            }
        }

        if (failures.Count > 0)
        {
            foreach (var stage in _stages)
            {
                await stage.TeardownUnstartedAsync().ConfigureAwait(false);
            }

            _stages.Clear();
            UntrackEdges();
            throw new CommitFailedException(failures);
        }
    }

    /// <summary>Starts every stage. Data flows from here on.</summary>
    public void Start()
    {
        if (_running is not null)
        {
            throw new InvalidOperationException($"The partition of worker '{_env.WorkerName}' in run {Blueprint.Id} was already started.");
        }

        _status = RunStatus.Running;
        var tasks = _stages.Select(stage => Task.Run(() => stage.RunAsync(_stopSources.Token, _abort.Token))).ToArray();
        _running = FinishAsync(tasks);
    }

    /// <summary>Subscribes to a node's output (see <see cref="Tap"/>).</summary>
    /// <exception cref="KeyNotFoundException">The node is not on this worker.</exception>
    public Tap Tap(string node, double? maxRate) => Stage(node).AddTap(maxRate);

    /// <summary>Calls a registered method of a node on this worker.</summary>
    public Task<System.Text.Json.JsonElement?> InvokeAsync(string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken cancellationToken) =>
        Stage(node).InvokeAsync(method, arguments, cancellationToken);

    /// <summary>Puts every source in manual mode; call before <see cref="Start"/>.</summary>
    public void UseManualSteps()
    {
        foreach (var stage in _stages.Where(s => s.Blueprint.IsSource))
        {
            stage.UseManualSteps();
        }
    }

    /// <summary>Runs one step of every source of this partition and waits until their outputs are published.</summary>
    public Task StepSourcesAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_stages.Where(s => s.Blueprint.IsSource).Select(s => s.StepOnceAsync(cancellationToken)));

    /// <summary>Stops the sources; the rest of the graph drains and <see cref="Completion"/> completes.</summary>
    public void StopSources()
    {
        if (_status == RunStatus.Running)
        {
            _status = RunStatus.Stopping;
        }

        _stopSources.Cancel();
    }

    /// <summary>Stops everything now without draining (after a failure, or when the caller gives up waiting).</summary>
    public void Abort()
    {
        _stopSources.Cancel();
        _abort.Cancel();
    }

    public RunReport Report() => new(
        Blueprint.Id,
        _status,
        [.. _stages.Select(s => s.Report())],
        [.. _ownedEdges.Select(e => new EdgeReport(e.Edge.Id, e.Edge.From, e.Edge.To, e.Edge.IsRemote, e.Sent, e.Received, e.Dropped, e.QueueDepth))],
        Failures);

    public async ValueTask DisposeAsync()
    {
        if (_running is null)
        {
            foreach (var stage in _stages)
            {
                await stage.TeardownUnstartedAsync().ConfigureAwait(false);
            }

            _completion.TrySetResult();
        }
        else
        {
            Abort();
            await _running.ConfigureAwait(false);
        }

        UntrackEdges();
        _stopSources.Dispose();
        _abort.Dispose();
    }

    private async Task FinishAsync(Task[] stages)
    {
        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReportFailure(NodeFailure.From("(runtime)", _env.WorkerName, "step", ex));
        }

        _status = Failures.Count > 0 || _abort.IsCancellationRequested ? RunStatus.Failed : RunStatus.Completed;
        LogFinished(_logger, _env.WorkerName, Blueprint.Id, _status);
        _completion.TrySetResult();
    }

    /// <summary>Records a failure found outside the stages (e.g. the recording layer could not finish a file); it does not stop anything.</summary>
    public void ReportExternalFailure(NodeFailure failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }

        Failed?.Invoke(failure);
    }

    private void ReportFailure(NodeFailure failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }

        LogNodeFailed(_logger, failure.Node, _env.WorkerName, failure.Phase, failure.Details);
        Failed?.Invoke(failure);

        // Stop strategy: one failure stops the whole graph. A teardown failure is reported, but the others still finish their drain.
        if (failure.Phase != "teardown")
        {
            Abort();
        }
    }

    /// <summary>The channel of an edge this partition built (after setup).</summary>
    public EdgeChannel EdgeChannel(string edgeId) =>
        _ownedEdges.FirstOrDefault(e => e.Edge.Id == edgeId)
        ?? throw new KeyNotFoundException($"Worker '{_env.WorkerName}' has no edge '{edgeId}' in run {Blueprint.Id}.");

    private NodeStage Stage(string node) =>
        _stages.FirstOrDefault(s => s.Name == node)
        ?? throw new KeyNotFoundException($"Worker '{_env.WorkerName}' runs no node named '{node}' in run {Blueprint.Id}.");

    private void UntrackEdges()
    {
        foreach (var edge in _ownedEdges)
        {
            ChimeraMetrics.Untrack(edge);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Node \"{Node}\" on worker \"{Worker}\" failed during {Phase}: {Details}")]
    private static partial void LogNodeFailed(ILogger logger, string node, string worker, string phase, string details);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Worker \"{Worker}\" finished run {RunId}: {Status}.")]
    private static partial void LogFinished(ILogger logger, string worker, string runId, RunStatus status);
}
