using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera;

/// <summary>
/// What a running node instance knows about its surroundings: its name, worker and run, a logger, the cluster clock,
/// the recording switch and where its files go, and the names of its downstream nodes.
/// </summary>
/// <remarks>One context per node instance; a node with parallelism N has N contexts that differ in <see cref="InstanceIndex"/>.</remarks>
public sealed class NodeContext
{
    private readonly List<(string Target, object? Value)> _emitted = [];
    private readonly Func<bool> _isRecording;
    private readonly Lazy<string?> _outputDirectory;

    internal NodeContext(
        string name,
        int instanceIndex,
        string workerName,
        string runId,
        IReadOnlyList<string> downstream,
        ILogger? logger,
        TimeProvider? clock,
        Func<bool>? isRecording,
        string? runDirectory,
        NodeRecorder? recorder)
    {
        Name = name;
        InstanceIndex = instanceIndex;
        WorkerName = workerName;
        RunId = runId;
        Downstream = downstream;
        Logger = logger ?? NullLogger.Instance;
        Clock = clock ?? TimeProvider.System;
        _isRecording = isRecording ?? (static () => false);
        Recorder = recorder ?? NodeRecorder.Null;
        _outputDirectory = new Lazy<string?>(() =>
        {
            if (runDirectory is null)
            {
                return null;
            }

            var dir = Path.Combine(runDirectory, workerName, name);
            Directory.CreateDirectory(dir);
            return dir;
        });
    }

    /// <summary>The node's name in the graph.</summary>
    public string Name { get; }

    /// <summary>Which of the node's parallel instances this is (0 when parallelism is 1).</summary>
    public int InstanceIndex { get; }

    /// <summary>The worker the node runs on.</summary>
    public string WorkerName { get; }

    /// <summary>The identifier of the current commit (the blueprint's id).</summary>
    public string RunId { get; }

    /// <summary>The names of the downstream nodes, for routing with <see cref="Route.To"/>.</summary>
    public IReadOnlyList<string> Downstream { get; }

    /// <summary>A logger whose category is the node's name.</summary>
    public ILogger Logger { get; }

    /// <summary>The cluster clock; use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can control time.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The current time on the cluster clock.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Whether the cluster is recording (as opposed to previewing): recorders write only while this is true.</summary>
    public bool IsRecording => _isRecording();

    /// <summary>Where recorded data goes (the recording layer writes through it).</summary>
    public NodeRecorder Recorder { get; }

    /// <summary>
    /// This node's folder in the run's log directory (<c>logdir/run/worker/node</c>), created on first use, or
    /// <see langword="null"/> when the run has no log directory.
    /// </summary>
    public string? OutputDirectory => _outputDirectory.Value;

    internal bool StreamEnded { get; private set; }

    /// <summary>Outputs emitted during the current step, with their target (empty for every downstream node); value tuples, so emitting allocates nothing per element.</summary>
    internal List<(string Target, object? Value)> Emitted => _emitted;

    /// <summary>Publishes an extra output from the current step to every downstream node.</summary>
    public void Emit(object? value) => _emitted.Add((string.Empty, value));

    /// <summary>Publishes an extra output from the current step to one named downstream node.</summary>
    public void EmitTo(string downstream, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(downstream);
        _emitted.Add((downstream, value));
    }

    /// <summary>Ends this source's stream after the current step.</summary>
    public void EndStream() => StreamEnded = true;
}
