using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Chimera.Runtime;

/// <summary>
/// Runs one node of a blueprint: its instances, the loop that triggers steps from its input edges, publishing to its
/// output edges, supervision, and teardown. Steps of one instance never overlap; with parallelism N, N instances pull
/// work from one queue so each element goes to the least busy.
/// </summary>
internal sealed partial class NodeStage
{
    private readonly StageEnvironment _env;
    private readonly Type _nodeType;
    private readonly EdgeChannel[] _outputs;
    private readonly Dictionary<string, EdgeChannel> _outputByTarget;
    private readonly ILogger _logger;
    private readonly Action<NodeFailure> _reportFailure;
    private readonly KeyValuePair<string, object?> _nodeTag;
    private readonly Lock _instancesGate = new();
    private readonly bool _gated;
    private StageInstance[] _instances = [];
    private long _steps;
    private long _failures;
    private long _restarts;
    private long _discarded;
    private long _setups;
    private long _teardownsStarted;
    private long _teardownsReturned;
    private volatile NodeState _state = NodeState.Created;

    public NodeStage(BlueprintNode node, EdgeChannel[] inputs, EdgeChannel[] outputs, StageEnvironment env, Action<NodeFailure> reportFailure)
    {
        Blueprint = node;
        Inputs = inputs;
        _outputs = outputs;
        _outputByTarget = outputs.ToDictionary(o => o.Edge.To, StringComparer.Ordinal);
        _env = env;
        _reportFailure = reportFailure;
        _logger = env.LoggerFactory.CreateLogger("Chimera.Node." + node.Name);
        _nodeTag = new KeyValuePair<string, object?>("node", node.Name);
        _nodeType = env.ResolveType(node.TypeName, node.AssemblyName, node.Name);
        _gated = NodeMethods.NeedsGate(_nodeType);
    }

    public BlueprintNode Blueprint { get; }

    public string Name => Blueprint.Name;

    public EdgeChannel[] Inputs { get; }

    public NodeState State => _state;

    /// <summary>The live node instances (for registered-method calls and tests).</summary>
    public IReadOnlyList<StageInstance> Instances => _instances;

    /// <summary>Setups that succeeded, counting restarted instances; the TestKit's leak check compares it with teardowns.</summary>
    public long SetupsCompleted => Interlocked.Read(ref _setups);

    /// <summary>Teardowns that began (each set-up instance is torn down once).</summary>
    public long TeardownsStarted => Interlocked.Read(ref _teardownsStarted);

    /// <summary>Teardowns that returned or threw; fewer than <see cref="TeardownsStarted"/> means one is still running.</summary>
    public long TeardownsReturned => Interlocked.Read(ref _teardownsReturned);

    public NodeReport Report() => new(
        Name,
        _env.WorkerName,
        _state,
        Interlocked.Read(ref _steps),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _restarts),
        Interlocked.Read(ref _discarded));

    /// <summary>Creates and sets up every instance. On failure, instances already set up are torn down and a <see cref="StageFailedException"/> names the phase.</summary>
    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        var count = Blueprint.IsSource ? 1 : Blueprint.Parallelism;
        var instances = new List<StageInstance>(count);
        _instances = [];
        try
        {
            for (var i = 0; i < count; i++)
            {
                StageInstance instance;
                try
                {
                    instance = CreateInstance(i);
                }
                catch (Exception ex)
                {
                    throw new StageFailedException(NodeFailure.From(Name, _env.WorkerName, "create", ex), ex);
                }

                instances.Add(instance);
                try
                {
                    await instance.Node.SetupAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    throw new StageFailedException(NodeFailure.From(Name, _env.WorkerName, "setup", ex), ex);
                }

                instance.IsSetUp = true;
                Interlocked.Increment(ref _setups);
            }
        }
        catch (Exception)
        {
            _state = NodeState.Failed;
            foreach (var created in instances.Where(i => i.IsSetUp))
            {
                await TeardownInstanceAsync(created).ConfigureAwait(false);
            }

            throw;
        }

        _instances = [.. instances];
        _state = NodeState.Ready;
    }

    /// <summary>Tears down instances that were set up but never ran (a failed commit or a reset before start).</summary>
    public async Task TeardownUnstartedAsync()
    {
        foreach (var instance in _instances)
        {
            await TeardownInstanceAsync(instance).ConfigureAwait(false);
        }

        _state = NodeState.Stopped;
    }

    /// <summary>
    /// The stage's lifetime: steps until the source stops or every input completes, then tears down and completes its
    /// outputs. <paramref name="stopSources"/> ends a source's loop (a drain); <paramref name="abort"/> ends everything.
    /// </summary>
    public async Task RunAsync(CancellationToken stopSources, CancellationToken abort)
    {
        _state = NodeState.Running;
        var failed = false;
        try
        {
            if (Blueprint.IsSource)
            {
                await RunSourceAsync(stopSources, abort).ConfigureAwait(false);
            }
            else
            {
                await RunConsumerAsync(abort).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Aborted because some node failed; that node reported the cause.
        }
        catch (StageFailedException ex)
        {
            failed = true;
            _reportFailure(ex.Failure);
        }
        catch (Exception ex)
        {
            failed = true;
            _reportFailure(NodeFailure.From(Name, _env.WorkerName, "step", ex));
        }
        finally
        {
            _state = NodeState.Draining;
            foreach (var instance in _instances)
            {
                failed |= !await TeardownInstanceAsync(instance).ConfigureAwait(false);
                instance.Blocking.Dispose();
            }

            foreach (var output in _outputs)
            {
                output.Complete();
            }

            _state = failed ? NodeState.Failed : NodeState.Stopped;
            CompleteControl();
        }
    }

    private StageInstance CreateInstance(int index)
    {
        var node = NodeConfiguration.Create(_nodeType, Blueprint.Configuration, Blueprint.Name);
        var context = new NodeContext(
            Blueprint.Name,
            index,
            _env.WorkerName,
            _env.RunId,
            Blueprint.Outputs,
            _logger,
            _env.Clock,
            _env.IsRecording,
            _env.RunDirectory,
            _env.RecorderFactory?.Invoke(Blueprint.Name));
        node.Attach(context);
        return new StageInstance(index, node, context, _gated);
    }

    /// <summary>Runs teardown once; returns false (and reports) when it threw.</summary>
    private async Task<bool> TeardownInstanceAsync(StageInstance instance)
    {
        if (!instance.IsSetUp)
        {
            return true;
        }

        instance.IsSetUp = false;
        Interlocked.Increment(ref _teardownsStarted);
        try
        {
            await instance.Node.TeardownAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            _reportFailure(NodeFailure.From(Name, _env.WorkerName, "teardown", ex));
            return false;
        }
        finally
        {
            Interlocked.Increment(ref _teardownsReturned);
        }
    }

    /// <summary>The start of a step for <see cref="CountStep"/>: a timestamp only while someone listens to the step duration (reading the clock costs about as much as a channel write), else 0.</summary>
    private static long StepStarted() => ChimeraMetrics.StepDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    private void CountStep(long started)
    {
        Interlocked.Increment(ref _steps);
        ChimeraMetrics.Steps.Add(1, _nodeTag);
        if (started != 0 && ChimeraMetrics.StepDuration.Enabled)
        {
            ChimeraMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _nodeTag);
        }
    }

    private void CountDiscarded(long count = 1)
    {
        Interlocked.Add(ref _discarded, count);
        ChimeraMetrics.Discarded.Add(count, _nodeTag);
    }
}
