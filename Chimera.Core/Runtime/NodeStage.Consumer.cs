using System.Threading.Channels;

namespace Chimera.Runtime;

internal sealed partial class NodeStage
{
    /// <summary>Turns input elements into steps according to the trigger mode, until every input has completed.</summary>
    private async Task RunConsumerAsync(CancellationToken abort)
    {
        if (_instances.Length == 1)
        {
            var only = _instances[0];
            await TriggerAsync(inputs => ProcessAsync(only, inputs, abort), reuseInputs: true, abort).ConfigureAwait(false);
            return;
        }

        // Parallel instances pull from one queue: whichever is idle takes the next element, i.e. the least busy.
        var work = Channel.CreateBounded<NodeInputs>(new BoundedChannelOptions(1) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var workers = _instances.Select(instance => Task.Run(
            async () =>
            {
                await foreach (var inputs in work.Reader.ReadAllAsync(abort).ConfigureAwait(false))
                {
                    await ProcessAsync(instance, inputs, abort).ConfigureAwait(false);
                }
            },
            CancellationToken.None)).ToArray();

        try
        {
            await TriggerAsync(inputs => work.Writer.WriteAsync(inputs, abort), reuseInputs: false, abort).ConfigureAwait(false);
            work.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            work.Writer.TryComplete(ex);
            throw;
        }
        finally
        {
            // Workers always finish (complete, fail, or abort); their first error wins.
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    private Task TriggerAsync(Func<NodeInputs, ValueTask> deliver, bool reuseInputs, CancellationToken abort)
    {
        if (Inputs.Length == 1)
        {
            return TriggerSingleAsync(deliver, reuseInputs, abort);
        }

        return Blueprint.Trigger switch
        {
            TriggerMode.Zip => TriggerZipAsync(deliver, abort),
            TriggerMode.Each => TriggerEachAsync(deliver, reuseInputs, abort),
            _ => TriggerLatestAsync(deliver, abort),
        };
    }

    private async Task TriggerSingleAsync(Func<NodeInputs, ValueTask> deliver, bool reuseInputs, CancellationToken abort)
    {
        var input = Inputs[0];
        string[] names = [input.Edge.From];
        var slots = new DataChunk?[1];
        var reused = new NodeInputs(names, slots);
        while (await input.WaitToReadAsync(abort).ConfigureAwait(false))
        {
            while (input.TryRead(out var chunk))
            {
                if (reuseInputs)
                {
                    slots[0] = chunk;
                    await deliver(reused).ConfigureAwait(false);
                }
                else
                {
                    await deliver(new NodeInputs(names, [chunk])).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task TriggerEachAsync(Func<NodeInputs, ValueTask> deliver, bool reuseInputs, CancellationToken abort)
    {
        var merged = Channel.CreateBounded<(int Input, DataChunk Chunk)>(new BoundedChannelOptions(1) { SingleReader = true });
        var pumps = Inputs.Select((edge, index) => PumpAsync(edge, index, merged.Writer, abort)).ToArray();
        var allPumped = CompleteWhenAllAsync(pumps, merged.Writer);

        var names = Inputs.Select(e => e.Edge.From).ToArray();
        var slots = new DataChunk?[names.Length];
        var reused = new NodeInputs(names, slots);
        await foreach (var (index, chunk) in merged.Reader.ReadAllAsync(abort).ConfigureAwait(false))
        {
            if (reuseInputs)
            {
                Array.Clear(slots);
                slots[index] = chunk;
                await deliver(reused).ConfigureAwait(false);
            }
            else
            {
                var single = new DataChunk?[names.Length];
                single[index] = chunk;
                await deliver(new NodeInputs(names, single)).ConfigureAwait(false);
            }
        }

        await allPumped.ConfigureAwait(false);

        static async Task PumpAsync(EdgeChannel edge, int index, ChannelWriter<(int, DataChunk)> writer, CancellationToken abort)
        {
            while (await edge.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (edge.TryRead(out var chunk))
                {
                    await writer.WriteAsync((index, chunk), abort).ConfigureAwait(false);
                }
            }
        }

        static async Task CompleteWhenAllAsync(Task[] pumps, ChannelWriter<(int, DataChunk)> writer)
        {
            try
            {
                await Task.WhenAll(pumps).ConfigureAwait(false);
                writer.TryComplete();
            }
            catch (Exception ex)
            {
                writer.TryComplete(ex);
                throw;
            }
        }
    }

    private async Task TriggerZipAsync(Func<NodeInputs, ValueTask> deliver, CancellationToken abort)
    {
        var names = Inputs.Select(e => e.Edge.From).ToArray();
        while (true)
        {
            var slots = new DataChunk?[names.Length];
            for (var i = 0; i < Inputs.Length; i++)
            {
                if (!await Inputs[i].WaitToReadAsync(abort).ConfigureAwait(false) || !Inputs[i].TryRead(out var chunk))
                {
                    // One input ended: whatever is left elsewhere can never be paired. Count it, then drain so producers finish.
                    CountDiscarded(slots.Count(s => s is not null));
                    ReleaseInputs(new NodeInputs(names, slots));
                    await DrainAsync(abort).ConfigureAwait(false);
                    return;
                }

                slots[i] = chunk;
            }

            await deliver(new NodeInputs(names, slots)).ConfigureAwait(false);
        }
    }

    private async Task TriggerLatestAsync(Func<NodeInputs, ValueTask> deliver, CancellationToken abort)
    {
        var names = Inputs.Select(e => e.Edge.From).ToArray();
        var followed = Array.IndexOf(names, Blueprint.FollowedInput);
        if (followed < 0)
        {
            followed = 0;
        }

        var latest = new DataChunk?[names.Length];
        var watchers = Inputs
            .Select((edge, index) => (edge, index))
            .Where(p => p.index != followed)
            .Select(p => WatchAsync(p.edge, p.index))
            .ToArray();

        var input = Inputs[followed];
        try
        {
            while (await input.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (input.TryRead(out var chunk))
                {
                    var slots = new DataChunk?[names.Length];
                    var ready = true;
                    for (var i = 0; i < slots.Length; i++)
                    {
                        slots[i] = i == followed ? chunk : HoldLatest(i);
                        ready &= slots[i] is not null;
                    }

                    if (!ready)
                    {
                        CountDiscarded();
                        ReleaseInputs(new NodeInputs(names, slots));
                        continue;
                    }

                    await deliver(new NodeInputs(names, slots)).ConfigureAwait(false);
                }
            }

            // The followed input ended; the others must still be drained so their producers can finish.
            await Task.WhenAll(watchers).ConfigureAwait(false);
        }
        finally
        {
            // What the watchers last kept: once they have stopped, nothing replaces it any more.
            if (watchers.All(w => w.IsCompleted))
            {
                for (var i = 0; i < latest.Length; i++)
                {
                    if (Interlocked.Exchange(ref latest[i], null) is { } kept)
                    {
                        Inputs[i].ReleaseHold(kept);
                    }
                }
            }
        }

        // The latest element of a watched input, with a hold of its own for the step: the watcher gives up its hold
        // when a newer element replaces it, possibly while the step still reads the older one.
        DataChunk? HoldLatest(int index)
        {
            while (true)
            {
                var kept = Volatile.Read(ref latest[index]);
                if (kept is null || !Inputs[index].HoldsFrames || FrameHolds.TryHold(kept))
                {
                    return kept;
                }

                // Replaced and released between the read and the hold: the newer one is there now.
            }
        }

        async Task WatchAsync(EdgeChannel edge, int index)
        {
            while (await edge.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (edge.TryRead(out var chunk))
                {
                    if (Interlocked.Exchange(ref latest[index], chunk) is { } replaced)
                    {
                        edge.ReleaseHold(replaced);
                    }
                }
            }
        }
    }

    private async Task DrainAsync(CancellationToken abort)
    {
        foreach (var input in Inputs)
        {
            while (await input.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (input.TryRead(out var chunk))
                {
                    CountDiscarded();
                    input.ReleaseHold(chunk);
                }
            }
        }
    }
}
