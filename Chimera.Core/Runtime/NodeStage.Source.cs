using System.Runtime.CompilerServices;

namespace Chimera.Runtime;

internal sealed partial class NodeStage
{
    /// <summary>Steps a source until it ends its stream, is stopped, or the run aborts. Output already produced is always published.</summary>
    private async Task RunSourceAsync(CancellationToken stopSources, CancellationToken abort)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopSources, abort);
        var instance = _instances[0];
        if (instance.Node is AsyncSourceNode)
        {
            await RunProducerAsync(instance, linked.Token, abort).ConfigureAwait(false);
            return;
        }

        while (!linked.IsCancellationRequested)
        {
            var context = instance.Context;
            context.Emitted.Clear();
            var started = StepStarted();
            object? result;
            try
            {
                await WaitForManualStepAsync(linked.Token).ConfigureAwait(false);
                if (instance.Gate is { } gate)
                {
                    await gate.WaitAsync(linked.Token).ConfigureAwait(false);
                    try
                    {
                        result = await WatchedStepAsync(instance, NodeInputs.Empty, linked.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
                else
                {
                    result = await WatchedStepAsync(instance, NodeInputs.Empty, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                abort.ThrowIfCancellationRequested();
                return;
            }
            catch (Exception ex)
            {
                await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
                ManualStepDone();
                continue;
            }

            CountStep(started);
            try
            {
                await PublishAllAsync(context, result, abort).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
            }

            ManualStepDone();

            if (instance.Context.StreamEnded)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Moves a producer to its next item, noting whether that held the thread for long when it completed at once (a
    /// producer that blocks between items, <see cref="BlockingStepWatch"/>).
    /// </summary>
    private ConfiguredValueTaskAwaitable<bool> NextWatchedAsync(StageInstance instance, ConfiguredCancelableAsyncEnumerable<object?>.Enumerator items)
    {
        var watched = instance.Blocking.Begin();
        var next = items.MoveNextAsync();
        if (next.GetAwaiter().IsCompleted)
        {
            EndWatchedStep(instance, watched);
        }

        return next;
    }

    private async Task RunProducerAsync(StageInstance instance, CancellationToken stop, CancellationToken abort)
    {
        while (true)
        {
            var producer = (AsyncSourceNode)instance.Node;
            try
            {
                var items = producer.ProduceAsync(stop).WithCancellation(stop).ConfigureAwait(false).GetAsyncEnumerator();
                try
                {
                    while (await NextWatchedAsync(instance, items))
                    {
                        CountStep(StepStarted());
                        await PublishAllAsync(instance.Context, items.Current, abort).ConfigureAwait(false);
                        if (instance.Context.StreamEnded)
                        {
                            return;
                        }
                    }
                }
                finally
                {
                    await items.DisposeAsync();
                }

                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                abort.ThrowIfCancellationRequested();
                return;
            }
            catch (Exception ex) when (ex is not StageFailedException)
            {
                // Resume and restart both start the producer again; restart on a fresh instance.
                await SuperviseAsync(instance, ex, abort).ConfigureAwait(false);
            }
        }
    }
}
