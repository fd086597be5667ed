using Microsoft.Extensions.Logging;

namespace Chimera.Runtime;

internal sealed partial class NodeStage
{
    /// <summary>
    /// Runs one step on an instance, publishes its outputs, then gives up the holds the input edges took on the
    /// inputs' image frames: only then is the node done with them, and anything it published onward holds them itself.
    /// </summary>
    private ValueTask ProcessAsync(StageInstance instance, NodeInputs inputs, CancellationToken abort)
    {
        ValueTask processed;
        try
        {
            processed = StepAndPublishAsync(instance, inputs, abort);
        }
        catch
        {
            // The run is aborting or the failure was already judged (nothing else escapes at once).
            ReleaseInputs(inputs);
            throw;
        }

        if (processed.IsCompletedSuccessfully)
        {
            ReleaseInputs(inputs);
            return ValueTask.CompletedTask;
        }

        return ReleaseAfterAsync(processed, inputs);
    }

    /// <summary><see cref="ProcessAsync"/> once the step or its publishing went asynchronous, or failed.</summary>
    private async ValueTask ReleaseAfterAsync(ValueTask processed, NodeInputs inputs)
    {
        try
        {
            await processed.ConfigureAwait(false);
        }
        finally
        {
            ReleaseInputs(inputs);
        }
    }

    /// <summary>Gives up the hold each input edge took on its chunk in <paramref name="inputs"/> (inputs are in <see cref="Inputs"/> order).</summary>
    private void ReleaseInputs(NodeInputs inputs)
    {
        var chunks = inputs.Chunks;
        for (var i = 0; i < chunks.Length; i++)
        {
            if (chunks[i] is { } chunk)
            {
                Inputs[i].ReleaseHold(chunk);
            }
        }
    }

    /// <summary>
    /// Runs one step on an instance and publishes its outputs; failures go through the node's supervision strategy. A
    /// step that completes at once and whose outputs fit is run without an async state machine.
    /// </summary>
    private ValueTask StepAndPublishAsync(StageInstance instance, NodeInputs inputs, CancellationToken abort)
    {
        if (instance.Gate is not null)
        {
            return ProcessGatedAsync(instance, inputs, abort);
        }

        var context = instance.Context;
        context.Emitted.Clear();
        var started = StepStarted();
        try
        {
            var step = WatchedStepAsync(instance, inputs, abort);
            if (!step.IsCompletedSuccessfully)
            {
                return FinishStepAsync(instance, step, started, abort);
            }

            CountStep(started);
            var publish = PublishAllAsync(context, step.Result, abort);
            return publish.IsCompletedSuccessfully ? ValueTask.CompletedTask : FinishPublishAsync(instance, publish, abort);
        }
        catch (Exception ex) when (!StopsTheStage(ex, abort))
        {
            return SuperviseAsync(instance, ex, abort);
        }
    }

    /// <summary>Starts a step of <paramref name="instance"/>, noting whether it held the thread for long when it completed at once (<see cref="BlockingStepWatch"/>).</summary>
    private ValueTask<object?> WatchedStepAsync(StageInstance instance, NodeInputs inputs, CancellationToken cancellationToken)
    {
        var watched = instance.Blocking.Begin();
        var step = instance.Node.StepAsync(inputs, cancellationToken);
        if (step.IsCompleted)
        {
            EndWatchedStep(instance, watched);
        }

        return step;
    }

    /// <summary>Tells <paramref name="instance"/>'s watch a step held the thread from <paramref name="watched"/> until now, and says so once if that made it blocking.</summary>
    private void EndWatchedStep(StageInstance instance, long watched)
    {
        if (instance.Blocking.End(watched))
        {
            LogBlocking(_logger, Name, instance.Index, _env.WorkerName, BlockingStepWatch.Long.TotalMilliseconds);
        }
    }

    /// <summary>Whether a failure ends the stage instead of going through supervision: the run aborting, or a failure already judged.</summary>
    private static bool StopsTheStage(Exception error, CancellationToken abort) =>
        error is StageFailedException || (error is OperationCanceledException && abort.IsCancellationRequested);

    /// <summary><see cref="ProcessAsync"/> once the step went asynchronous.</summary>
    private async ValueTask FinishStepAsync(StageInstance instance, ValueTask<object?> step, long started, CancellationToken abort)
    {
        try
        {
            var result = await step.ConfigureAwait(false);
            CountStep(started);
            await PublishAllAsync(instance.Context, result, abort).ConfigureAwait(false);
        }
        catch (Exception ex) when (!StopsTheStage(ex, abort))
        {
            await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="ProcessAsync"/> once publishing went asynchronous (an output edge was full) or failed.</summary>
    private async ValueTask FinishPublishAsync(StageInstance instance, ValueTask publish, CancellationToken abort)
    {
        try
        {
            await publish.ConfigureAwait(false);
        }
        catch (Exception ex) when (!StopsTheStage(ex, abort))
        {
            await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="ProcessAsync"/> for a node whose steps must not overlap its registered methods' calls.</summary>
    private async ValueTask ProcessGatedAsync(StageInstance instance, NodeInputs inputs, CancellationToken abort)
    {
        var context = instance.Context;
        context.Emitted.Clear();
        var started = StepStarted();
        var gate = instance.Gate!;
        try
        {
            object? result;
            await gate.WaitAsync(abort).ConfigureAwait(false);
            try
            {
                result = await WatchedStepAsync(instance, inputs, abort).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }

            CountStep(started);
            await PublishAllAsync(context, result, abort).ConfigureAwait(false);
        }
        catch (Exception ex) when (!StopsTheStage(ex, abort))
        {
            await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes what the step emitted, then its result; without emitted outputs (the common case) no state machine is built.</summary>
    private ValueTask PublishAllAsync(NodeContext context, object? result, CancellationToken abort) =>
        context.Emitted.Count == 0 ? PublishAsync(result, null, abort) : PublishEmittedAsync(context, result, abort);

    /// <summary>
    /// Publishes the emitted outputs in order, then the result, holding their image frames until the last is written:
    /// one frame may go out in several of them, and the consumer of an earlier one could dispose it and finish its step
    /// before a later write has taken its own hold.
    /// </summary>
    private async ValueTask PublishEmittedAsync(NodeContext context, object? result, CancellationToken abort)
    {
        var emitted = context.Emitted;
        var outputs = new List<(DataChunk Chunk, string? Target)>(emitted.Count + 1);
        foreach (var (routedTo, value) in emitted)
        {
            var target = routedTo;
            if (ToChunk(value, ref target) is { } chunk)
            {
                outputs.Add((chunk, target));
            }
        }

        string? resultTarget = null;
        if (ToChunk(result, ref resultTarget) is { } resultChunk)
        {
            outputs.Add((resultChunk, resultTarget));
        }

        emitted.Clear();

        // A frame already gone is not held here; its write reports it, naming the record and the edge.
        var held = outputs.Where(o => o.Chunk.HasFrames && FrameHolds.TryHold(o.Chunk)).Select(o => o.Chunk).ToList();
        try
        {
            foreach (var (chunk, target) in outputs)
            {
                await WriteOutputAsync(chunk, target, abort).ConfigureAwait(false);
            }
        }
        finally
        {
            held.ForEach(FrameHolds.Release);
        }
    }

    /// <summary>
    /// The chunk an output publishes as, or <see langword="null"/> for none: a <see cref="Route"/> sets
    /// <paramref name="target"/>, and a plain value is wrapped, stamped with the worker's cluster clock.
    /// </summary>
    private DataChunk? ToChunk(object? value, ref string? target)
    {
        if (value is Route route)
        {
            target = route.Target;
            value = route.Value;
        }

        return value is null ? null : value as DataChunk ?? DataChunk.Of(value, _env.Clock.GetUtcNow());
    }

    /// <summary>Sends one output to every downstream edge (or to the routed one), waiting for room under backpressure.</summary>
    private ValueTask PublishAsync(object? value, string? target, CancellationToken abort) =>
        ToChunk(value, ref target) is { } chunk ? WriteOutputAsync(chunk, target, abort) : ValueTask.CompletedTask;

    /// <summary>Writes a published chunk to every downstream edge (or to <paramref name="target"/>), waiting for room under backpressure.</summary>
    private ValueTask WriteOutputAsync(DataChunk chunk, string? target, CancellationToken abort)
    {
        chunk.Freeze();
        OfferToTaps(chunk);

        if (!string.IsNullOrEmpty(target))
        {
            if (!_outputByTarget.TryGetValue(target, out var routed))
            {
                throw new InvalidOperationException(
                    $"Node '{Name}' routed an output to '{target}', which is not one of its downstream nodes ({(Blueprint.Outputs.Count == 0 ? "it has none" : string.Join(", ", Blueprint.Outputs))}).");
            }

            return routed.WriteAsync(chunk, abort);
        }

        if (_outputs.Length == 1)
        {
            return _outputs[0].WriteAsync(chunk, abort);
        }

        return _outputs.Length == 0 ? ValueTask.CompletedTask : FanOutAsync(chunk, abort);
    }

    /// <summary>
    /// Writes <paramref name="chunk"/> to every output in turn, holding its image frames meanwhile: the consumer of an
    /// output written first may run its step and dispose a frame before a later output has taken its own hold.
    /// </summary>
    private async ValueTask FanOutAsync(DataChunk chunk, CancellationToken abort)
    {
        // A frame already gone is not held here; the first write reports it, naming the record and the edge.
        var held = FrameHolds.TryHold(chunk);
        try
        {
            // Sequential writes: a slow branch holds the producer back, which is what lossless fan-out means.
            foreach (var output in _outputs)
            {
                await output.WriteAsync(chunk, abort).ConfigureAwait(false);
            }
        }
        finally
        {
            if (held)
            {
                FrameHolds.Release(chunk);
            }
        }
    }

    /// <summary>Applies the node's supervision strategy to a failed step; throws <see cref="StageFailedException"/> to stop the graph.</summary>
    private async ValueTask SuperviseAsync(StageInstance instance, Exception error, CancellationToken abort)
    {
        Interlocked.Increment(ref _failures);
        ChimeraMetrics.Failures.Add(1, _nodeTag);
        var failure = NodeFailure.From(Name, _env.WorkerName, "step", error);

        switch (Blueprint.Supervision)
        {
            case SupervisionStrategy.Resume:
                LogResumed(_logger, Name, error);
                return;

            case SupervisionStrategy.Restart when instance.Restarts < Blueprint.MaxRestarts:
                LogRestarting(_logger, Name, instance.Index, instance.Restarts + 1, Blueprint.MaxRestarts, error);
                await TeardownInstanceAsync(instance).ConfigureAwait(false);
                if (Blueprint.RestartBackoff > TimeSpan.Zero)
                {
                    await Task.Delay(Blueprint.RestartBackoff, _env.Clock, abort).ConfigureAwait(false);
                }

                try
                {
                    var replacement = CreateInstance(instance.Index);
                    await replacement.Node.SetupAsync(abort).ConfigureAwait(false);
                    instance.Node = replacement.Node;
                    instance.Context = replacement.Context;
                    instance.IsSetUp = true;
                    Interlocked.Increment(ref _setups);
                    instance.Restarts++;
                    Interlocked.Increment(ref _restarts);
                    ChimeraMetrics.Restarts.Add(1, _nodeTag);
                }
                catch (Exception setupError) when (setupError is not OperationCanceledException || !abort.IsCancellationRequested)
                {
                    throw new StageFailedException(NodeFailure.From(Name, _env.WorkerName, "setup", setupError), setupError);
                }

                return;

            case SupervisionStrategy.Restart:
                var exhausted = failure with { Error = $"{failure.Error} (gave up after {Blueprint.MaxRestarts} restarts)" };
                throw new StageFailedException(exhausted, error);

            default:
                throw new StageFailedException(failure, error);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Node \"{Node}\" step failed; skipping the element (resume).")]
    private static partial void LogResumed(ILogger logger, string node, Exception error);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Node \"{Node}\" instance {Instance} step failed; restart {Restart} of {MaxRestarts}.")]
    private static partial void LogRestarting(ILogger logger, string node, int instance, int restart, int maxRestarts, Exception error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Node \"{Node}\" instance {Instance} on worker \"{Worker}\" holds its thread in synchronous steps (at least {Milliseconds} ms each): one more thread-pool thread is reserved for it while it runs, so other nodes are not starved. A step that waits (a device, a timer) can await in StepAsync instead, holding no thread.")]
    private static partial void LogBlocking(ILogger logger, string node, int instance, string worker, double milliseconds);
}
