using System.Text.Json;

namespace Chimera.Runtime;

internal sealed partial class NodeStage
{
    private volatile Tap[] _taps = [];
    private SemaphoreSlim? _manualStep;
    private TaskCompletionSource? _pendingStep;

    /// <summary>Subscribes to this node's outputs without disturbing it; see <see cref="Tap"/>.</summary>
    public Tap AddTap(double? maxRate)
    {
        var tap = new Tap(Name, maxRate, _env.Clock, RemoveTap);
        lock (_instancesGate)
        {
            _taps = [.. _taps, tap];
            if (_state is NodeState.Stopped or NodeState.Failed)
            {
                tap.Complete();
            }
        }

        return tap;
    }

    /// <summary>Calls a registered method on every instance (serialized with steps unless concurrent); returns the first instance's result.</summary>
    public async Task<JsonElement?> InvokeAsync(string method, JsonElement? arguments, CancellationToken cancellationToken)
    {
        var (info, attribute) = NodeMethods.Find(_nodeType, Name, method);
        JsonElement? first = null;
        for (var i = 0; i < _instances.Length; i++)
        {
            var instance = _instances[i];
            var gate = attribute.Concurrent ? null : instance.Gate;
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var result = await NodeMethods.InvokeAsync(instance.Node, info, arguments, cancellationToken).ConfigureAwait(false);
                first ??= result;
            }
            finally
            {
                gate?.Release();
            }
        }

        return first;
    }

    /// <summary>Makes this source step only when <see cref="StepOnceAsync"/> asks (ChimeraPy's offline <c>step</c>).</summary>
    public void UseManualSteps() => _manualStep = new SemaphoreSlim(0);

    /// <summary>Lets a manually stepped source run one step and waits until its output is published (or the source ended).</summary>
    public async Task StepOnceAsync(CancellationToken cancellationToken)
    {
        if (_manualStep is null)
        {
            throw new InvalidOperationException($"Node '{Name}' is not a manually stepped source.");
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_instancesGate)
        {
            if (_state is NodeState.Stopped or NodeState.Failed or NodeState.Draining)
            {
                return;
            }

            _pendingStep = done;
        }

        _manualStep.Release();
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RemoveTap(Tap tap)
    {
        lock (_instancesGate)
        {
            _taps = [.. _taps.Where(t => t != tap)];
        }
    }

    private void OfferToTaps(DataChunk chunk)
    {
        var taps = _taps;
        for (var i = 0; i < taps.Length; i++)
        {
            taps[i].Offer(chunk);
        }
    }

    /// <summary>The stage ended: taps see the end, and a pending manual step returns.</summary>
    private void CompleteControl()
    {
        lock (_instancesGate)
        {
            foreach (var tap in _taps)
            {
                tap.Complete();
            }

            _pendingStep?.TrySetResult();
        }
    }

    /// <summary>In manual mode, waits for the go-ahead of the next step.</summary>
    private ValueTask WaitForManualStepAsync(CancellationToken cancellationToken) =>
        _manualStep is null ? ValueTask.CompletedTask : new ValueTask(_manualStep.WaitAsync(cancellationToken));

    private void ManualStepDone()
    {
        if (_manualStep is not null)
        {
            lock (_instancesGate)
            {
                _pendingStep?.TrySetResult();
            }
        }
    }
}
