using System.Diagnostics;
using System.Reflection;
using Chimera.Cluster.Assemblies;
using Chimera.Cluster.Protocol;
using Chimera.Recording;
using Chimera.Remote;
using Chimera.Runtime;
using Microsoft.Extensions.Logging;

namespace Chimera.Cluster.Workers;

/// <summary>
/// A worker's part of a run, whether the worker is in the manager's process or its own: loads shipped assemblies
/// into a per-commit context, builds and sets up its partition, starts, records, drains, resets, and reports.
/// Commands are serialized; the manager drives them.
/// </summary>
internal sealed partial class WorkerRuntime : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly AssemblyStore? _store;
    private readonly string? _logDirectory;
    private PartitionRuntime? _partition;
    private readonly Dictionary<string, EdgeChannel> _incoming = new(StringComparer.Ordinal);
    private readonly List<RemoteEdgeHandle> _streams = [];
    private readonly bool _collectGarbageAfterCommit;
    private Task _recordingClosed = Task.CompletedTask;
    private CommitLoadContext? _loadContext;
    private volatile bool _recording;

    /// <param name="name">The worker's name.</param>
    /// <param name="loggerFactory">Where the worker and its nodes log.</param>
    /// <param name="clock">The worker's clock.</param>
    /// <param name="store">Where shipped assemblies are kept; null for a worker that takes none.</param>
    /// <param name="logDirectory">Where runs are recorded when the manager names no folder; null records nothing.</param>
    /// <param name="collectGarbageAfterCommit">
    /// Whether a successful commit ends with a full, blocking, compacting collection (<see cref="WorkerOptions.CollectGarbageAfterCommit"/>);
    /// off for workers in the manager's process, whose heap is the embedding application's.
    /// </param>
    public WorkerRuntime(string name, ILoggerFactory loggerFactory, TimeProvider clock, AssemblyStore? store, string? logDirectory, bool collectGarbageAfterCommit = false)
    {
        Name = name;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Chimera.Worker");
        _clock = clock;
        _store = store;
        _logDirectory = logDirectory;
        _collectGarbageAfterCommit = collectGarbageAfterCommit;
    }

    public string Name { get; }

    /// <summary>The process's data plane, which joins this worker's cross-process edges; null for embedded workers.</summary>
    public DataPlane? DataPlane { get; set; }

    public PartitionRuntime? Partition => _partition;

    public bool IsRecording => _recording;

    /// <summary>The committed run's folder (<c>logdir/&lt;run folder&gt;</c>), or null when nothing is committed or nothing is written.</summary>
    public string? RunDirectory { get; private set; }

    /// <summary>Raised when the current run finished on this worker (completed or failed), with its report.</summary>
    public event Action<RunReport>? Finished;

    /// <summary>Raised for each node failure on this worker.</summary>
    public event Action<NodeFailure>? NodeFailed;

    /// <summary>The hashes of the announced assemblies this worker does not have yet.</summary>
    public IReadOnlyList<string> Missing(IReadOnlyList<AssemblyRef> assemblies) =>
        _store is null ? [] : [.. assemblies.Where(a => !_store.Has(a.Sha256)).Select(a => a.Sha256).Distinct()];

    /// <summary>Stores an uploaded assembly after checking its hash.</summary>
    public Task PutAssemblyAsync(string sha256, byte[] content, CancellationToken cancellationToken) =>
        (_store ?? throw new InvalidOperationException($"Worker '{Name}' keeps no assemblies.")).PutAsync(sha256, content, cancellationToken);

    /// <summary>
    /// Creates and sets up this worker's nodes. Returns the failures (empty when every node is ready); on failure
    /// nothing stays created.
    /// </summary>
    /// <param name="blueprint">The committed blueprint.</param>
    /// <param name="assemblies">Assemblies the manager announced (and uploaded when missing).</param>
    /// <param name="runDirectory">The run's folder, or null.</param>
    /// <param name="edgeFor">Channels for the partition's edges; null makes fresh ones (remote edges are then joined by the data plane).</param>
    /// <param name="cancellationToken">Cancels the commit; what was created is torn down.</param>
    public async Task<IReadOnlyList<NodeFailure>> CommitAsync(
        Blueprint blueprint,
        IReadOnlyList<AssemblyRef> assemblies,
        string? runDirectory,
        Func<BlueprintEdge, EdgeChannel>? edgeFor,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_partition is not null)
            {
                throw new InvalidOperationException(
                    $"Worker '{Name}' still holds run {_partition.Blueprint.Id}; reset it before committing run {blueprint.Id}.");
            }

            var loadContext = await LoadAssembliesAsync(blueprint, assemblies, cancellationToken).ConfigureAwait(false);
            runDirectory ??= _logDirectory is null ? null : Path.Combine(_logDirectory, RunFolderName(blueprint));
            var recording = runDirectory is null ? null : new RunRecording(runDirectory, () => _recording);
            var env = new StageEnvironment
            {
                WorkerName = Name,
                RunId = blueprint.Id,
                LoggerFactory = _loggerFactory,
                Clock = _clock,
                IsRecording = () => _recording,
                RunDirectory = runDirectory,
                RecorderFactory = recording is null ? null : node => recording.GetRecorder(Name, node),
                ResolveType = (type, assembly, node) => ResolveNodeType(loadContext, type, assembly, node),
            };
            var partition = new PartitionRuntime(blueprint, env, edgeFor ?? ChannelFor);
            try
            {
                await partition.SetupAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CommitFailedException ex)
            {
                await partition.DisposeAsync().ConfigureAwait(false);
                await CloseRecordingAsync(recording, partition).ConfigureAwait(false);
                Unload(loadContext);
                return ex.Failures;
            }

            partition.Failed += failure => NodeFailed?.Invoke(failure);
            if (edgeFor is null)
            {
                OfferOutgoing(blueprint, partition);
            }

            _recordingClosed = FinishAsync(partition, recording);
            _partition = partition;
            _loadContext = loadContext;
            RunDirectory = runDirectory;
            LogCommitted(_logger, Name, blueprint.Id, partition.Partition.Nodes.Count);
            if (_collectGarbageAfterCommit)
            {
                CollectCommitGarbage(blueprint.Id);
            }

            return [];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Start(bool manualSources = false)
    {
        var partition = Require("start");
        if (manualSources)
        {
            partition.UseManualSteps();
        }

        partition.Start();
    }

    public Task StepAsync(CancellationToken cancellationToken) => Require("step").StepSourcesAsync(cancellationToken);

    public Task<System.Text.Json.JsonElement?> InvokeAsync(string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken cancellationToken) =>
        Require("call a node method").InvokeAsync(node, method, arguments, cancellationToken);

    /// <summary>Streams a node's published chunks; a slow reader loses the oldest (counted by the tap), never slowing the node. The tap is registered by this call.</summary>
    public IAsyncEnumerable<DataChunk> TapAsync(string node, double? maxRate, CancellationToken cancellationToken)
    {
        var tap = Require("tap").Tap(node, maxRate);
        return ReadAsync(tap, cancellationToken);

        static async IAsyncEnumerable<DataChunk> ReadAsync(Tap tap, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using (tap)
            {
                await foreach (var chunk in tap.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return chunk;
                }
            }
        }
    }

    public void SetRecording(bool recording) => _recording = recording;

    public void StopSources() => Require("stop").StopSources();

    public void Abort() => _partition?.Abort();

    /// <summary>The partition's report, with this worker's end of each remote edge's connection.</summary>
    public RunReport? Report() => _partition is { } partition ? ReportOf(partition) : null;

    /// <summary><paramref name="partition"/>'s report, with this worker's end of each remote edge's connection.</summary>
    private RunReport ReportOf(PartitionRuntime partition)
    {
        var report = partition.Report();
        if (DataPlane is null)
        {
            return report;
        }

        var ends = DataPlane.Metrics(report.RunId);
        return ends.Count == 0 ? report : report with { Edges = [.. report.Edges.Select(e => e with { Wire = WireOf(e.Id, ends) ?? e.Wire })] };
    }

    /// <summary>
    /// What this worker's end saw of edge <paramref name="edgeId"/>'s connection: the sending end knows bytes sent,
    /// writes and the round trip, the receiving end bytes received and reads; the manager joins the two.
    /// </summary>
    private static EdgeWireReport? WireOf(string edgeId, IReadOnlyList<RemoteEdgeMetrics> ends) =>
        ends.FirstOrDefault(m => m.Edge == edgeId) is not { } end
            ? null
            : end.Role == RemoteEdgeRole.Sender
                ? new EdgeWireReport(end.BytesSent, 0, end.Writes, 0, end.RoundTripEstimate?.TotalMilliseconds)
                : new EdgeWireReport(0, end.BytesReceived, 0, end.Reads, end.RoundTripEstimate?.TotalMilliseconds);

    /// <summary>Destroys this worker's nodes and unloads the commit's assemblies.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_partition is { } partition)
            {
                if (DataPlane is not null)
                {
                    await DataPlane.WithdrawAsync(partition.Blueprint.Id, cancellationToken).ConfigureAwait(false);
                }

                _incoming.Clear();
                _streams.Clear();
                await partition.DisposeAsync().ConfigureAwait(false);
                await _recordingClosed.ConfigureAwait(false);
                _partition = null;
                RunDirectory = null;
            }

            if (_loadContext is { } context)
            {
                Unload(context);
                _loadContext = null;
            }

            _recording = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync(CancellationToken.None).ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Joins one incoming cross-process edge to its sender (after the handshake, elements flow into the node's input).</summary>
    public async Task ConnectIncomingAsync(BlueprintEdge edge, string senderEndpoint, CancellationToken cancellationToken)
    {
        var partition = Require("connect");
        if (DataPlane is null || !_incoming.TryGetValue(edge.Id, out var target))
        {
            throw new RemoteEdgeException($"Worker '{Name}' cannot receive edge '{edge.Id}': it has no data plane or no such incoming edge.", edge.Id, senderEndpoint);
        }

        var handle = await DataPlane.ConnectAsync(partition.Blueprint.Id, edge, senderEndpoint, target, cancellationToken).ConfigureAwait(false);
        lock (_streams)
        {
            _streams.Add(handle);
        }
    }

    /// <summary>
    /// The channel of an edge of this worker: local edges get the edge's policy; the sending side of a cross-process edge is
    /// lossless (the receiving side applies drop policies and counts drops), and the receiving side is kept for the
    /// connect. Every channel holds the image frames written to it until its reader is done with them.
    /// </summary>
    private EdgeChannel ChannelFor(BlueprintEdge edge)
    {
        if (!edge.IsRemote)
        {
            return new EdgeChannel(edge);
        }

        if (edge.FromWorker == Name)
        {
            return new EdgeChannel(edge with { Overflow = OverflowPolicy.Backpressure });
        }

        var target = new EdgeChannel(edge);
        _incoming[edge.Id] = target;
        return target;
    }

    private void OfferOutgoing(Blueprint blueprint, PartitionRuntime partition)
    {
        if (partition.Partition.RemoteOutputs.Count == 0)
        {
            return;
        }

        if (DataPlane is null)
        {
            throw new InvalidOperationException($"Worker '{Name}' has cross-process edges ({string.Join(", ", partition.Partition.RemoteOutputs)}) but no data plane.");
        }

        foreach (var id in partition.Partition.RemoteOutputs)
        {
            var handle = DataPlane.Offer(blueprint.Id, blueprint.GetEdge(id), partition.EdgeChannel(id));
            lock (_streams)
            {
                _streams.Add(handle);
            }

            // A stream that fails (partner gone, bad data) fails the run with its reason, like a node would.
            _ = handle.Completion.ContinueWith(
                t => partition.ReportExternalFailure(NodeFailure.From($"({id})", Name, "stream", t.Exception!.GetBaseException())),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>The folder name of a run under a log directory: <c>yyyy-MM-dd_HH-mm-ss-runid</c>.</summary>
    public static string RunFolderName(Blueprint blueprint) => $"{blueprint.CompiledAt.UtcDateTime:yyyy-MM-dd_HH-mm-ss}-{blueprint.Id}";

    private static void Unload(CommitLoadContext? context) => context?.Unload();

    /// <summary>
    /// Moves what start-up and the commit left on the heap (node instances, codecs, buffers, the control plane's
    /// objects) into the oldest generation before any data flows, so the run's collections no longer handle them.
    /// </summary>
    /// <remarks>
    /// A worker whose elements are large arrays allocates almost nothing small while it streams, so the collector
    /// never runs for the young generations on its own: every collection is one the large-object budget starts, 40 to
    /// 90 a second in <c>remote.large</c>'s receiving worker, and those left the small objects in generations 0 and 1
    /// and kept copying them. One collection here took the runtime's share of that worker's CPU samples from 29–36 %
    /// to 19–27 % (three alternating pairs), for about 10 ms of commit.
    /// </remarks>
    private void CollectCommitGarbage(string runId)
    {
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        LogCollected(_logger, Name, runId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>After the drain, closes the recording (so files are complete) before telling anyone the run finished.</summary>
    private async Task FinishAsync(PartitionRuntime partition, RunRecording? recording)
    {
        await partition.Completion.ConfigureAwait(false);
        await CloseRecordingAsync(recording, partition).ConfigureAwait(false);
        Finished?.Invoke(ReportOf(partition));
    }

    private async Task CloseRecordingAsync(RunRecording? recording, PartitionRuntime partition)
    {
        if (recording is null)
        {
            return;
        }

        try
        {
            await recording.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            partition.ReportExternalFailure(NodeFailure.From("(recording)", Name, "teardown", ex));
        }
    }

    private static Type ResolveNodeType(CommitLoadContext? context, string typeName, string assemblyName, string nodeName)
    {
        if (context is not null && context.Ships(assemblyName))
        {
            var assembly = context.LoadFromAssemblyName(new AssemblyName(assemblyName));
            return assembly.GetType(typeName, throwOnError: false)
                ?? throw new InvalidOperationException($"Node '{nodeName}': shipped assembly '{assemblyName}' has no type {typeName}.");
        }

        return NodeConfiguration.ResolveType(typeName, assemblyName, nodeName);
    }

    private async Task<CommitLoadContext?> LoadAssembliesAsync(Blueprint blueprint, IReadOnlyList<AssemblyRef> assemblies, CancellationToken cancellationToken)
    {
        if (assemblies.Count == 0)
        {
            return null;
        }

        if (_store is null)
        {
            throw new InvalidOperationException($"Worker '{Name}' has no assembly store, so it cannot load shipped assemblies.");
        }

        // Only assemblies whose hash the manager announced for this commit are loaded, and each is verified again.
        var shipped = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies)
        {
            if (!_store.Has(assembly.Sha256))
            {
                throw new InvalidOperationException($"Worker '{Name}' lacks assembly '{assembly.Name}' ({assembly.Sha256}); it must be uploaded before the commit.");
            }

            shipped[assembly.Name] = await _store.ReadVerifiedAsync(assembly.Sha256, cancellationToken).ConfigureAwait(false);
        }

        return new CommitLoadContext(blueprint.Id, shipped);
    }

    private PartitionRuntime Require(string action) =>
        _partition ?? throw new InvalidOperationException($"Worker '{Name}' cannot {action}: nothing is committed.");

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Worker \"{Worker}\" committed run {RunId}: {Nodes} nodes ready.")]
    private static partial void LogCommitted(ILogger logger, string worker, string runId, int nodes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Worker \"{Worker}\" collected garbage after committing run {RunId} in {Milliseconds:F1} ms.")]
    private static partial void LogCollected(ILogger logger, string worker, string runId, double milliseconds);
}
