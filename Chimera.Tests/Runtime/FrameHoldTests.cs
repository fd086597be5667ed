using Chimera.Media;
using Chimera.Runtime;
using Chimera.Tests.Remote;

namespace Chimera.Tests.Runtime;

/// <summary>How image frames are held while an edge to another worker or a tap still has them to send.</summary>
public sealed class FrameHoldTests
{
    [Fact]
    public async Task FanOut_WritesTheHoldingEdgeBeforeALocalOne()
    {
        // The local edge comes first in the graph and is full, so a fan-out in graph order would wait there before the
        // holding edge got the frame; a local consumer could dispose it in between.
        var graph = new Chimera.Graph("holds")
            .AddNode("cam", new OneFrame())
            .AddNode("local", new Collect())
            .AddNode("remote", new Collect())
            .AddEdge("cam", "local", new EdgeOptions { Capacity = 1 })
            .AddEdge("cam", "remote");
        var compiled = graph.Compile();
        var blueprint = compiled with
        {
            Partitions = [new WorkerPartition(Chimera.Blueprint.DefaultWorker, ["cam"], [.. compiled.Edges.Select(e => e.Id)], [], [])],
        };
        var local = new EdgeChannel(blueprint.GetEdge("cam -> local"));
        Assert.True(local.TryWrite(DataChunk.Of(0)));
        var remote = new EdgeChannel(blueprint.GetEdge("cam -> remote")) { HoldsFrames = true };
        var env = new StageEnvironment { WorkerName = Chimera.Blueprint.DefaultWorker, RunId = blueprint.Id };
        await using var runtime = new PartitionRuntime(blueprint, env, edge => edge.To == "local" ? local : remote);
        await runtime.SetupAsync(CancellationToken.None);
        runtime.Start();

        Assert.True(await remote.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout());
        Assert.True(remote.TryRead(out var sent));
        var frame = sent.Get<ImageFrame>();
        frame.Dispose();
        Assert.False(frame.IsDisposed);
        FrameHolds.Release(sent);
        Assert.True(frame.IsDisposed);
        Assert.Equal(1, local.QueueDepth);
    }

    [Fact]
    public async Task Tap_KeepsAFrameReadableUntilItsReaderMovesOn()
    {
        using var tap = new Tap("cam", maxRate: null, TimeProvider.System, _ => { });
        var frame = new ImageFrame(4, 2, PixelFormat.Rgb24);
        tap.Offer(DataChunk.Of(frame));
        frame.Dispose();
        tap.Complete();

        await using var reading = tap.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reading.MoveNextAsync());
        Assert.False(frame.IsDisposed);
        Assert.Equal(24, reading.Current.Get<ImageFrame>().Pixels.Length);

        Assert.False(await reading.MoveNextAsync());
        Assert.True(frame.IsDisposed);
    }

    [Fact]
    public void Tap_DroppingTheOldest_ReleasesItsFrame_AndSkipsAFrameAlreadyGone()
    {
        using var tap = new Tap("cam", maxRate: null, TimeProvider.System, _ => { });
        var oldest = new ImageFrame(2, 2, PixelFormat.Gray8);
        tap.Offer(DataChunk.Of(oldest));
        oldest.Dispose();
        for (var i = 0; i < Tap.Capacity; i++)
        {
            tap.Offer(DataChunk.Of(i));
        }

        Assert.True(oldest.IsDisposed);
        var gone = new ImageFrame(2, 2, PixelFormat.Gray8);
        gone.Dispose();
        tap.Offer(DataChunk.Of(gone));
        Assert.Equal(2, tap.Dropped);
    }
}

/// <summary>A source of one 4×2 frame, for <see cref="FrameHoldTests"/>.</summary>
public sealed class OneFrame : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        EndStream();
        return new ImageFrame(4, 2, PixelFormat.Rgb24);
    }
}
