using Chimera.Media;
using Chimera.Runtime;
using Chimera.Tests.Remote;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Runtime;

/// <summary>How image frames are held while an edge to another worker or a tap still has them to send.</summary>
public sealed class FrameHoldTests
{
    [Fact]
    public async Task FanOut_AnOutputWaitingForRoomAlreadyHoldsTheFrame()
    {
        // "b" is full, so the stage waits there after writing "a": a consumer of "a" that disposes the frame and finishes
        // its step meanwhile must not send the buffer back to the pool before "b" has room. (Between two writes the
        // stage holds the frame itself; that gap is too short to hit from a test.)
        var graph = new Chimera.Graph("holds")
            .AddNode("cam", new OneFrame())
            .AddNode("a", new Collect())
            .AddNode("b", new Collect())
            .AddEdge("cam", "a")
            .AddEdge("cam", "b", new EdgeOptions { Capacity = 1 });
        var compiled = graph.Compile();
        var blueprint = compiled with
        {
            Partitions = [new WorkerPartition(Chimera.Blueprint.DefaultWorker, ["cam"], [.. compiled.Edges.Select(e => e.Id)], [], [])],
        };
        var a = new EdgeChannel(blueprint.GetEdge("cam -> a"));
        var b = new EdgeChannel(blueprint.GetEdge("cam -> b"));
        Assert.True(b.TryWrite(DataChunk.Of(0)));
        var env = new StageEnvironment { WorkerName = Chimera.Blueprint.DefaultWorker, RunId = blueprint.Id };
        await using var runtime = new PartitionRuntime(blueprint, env, edge => edge.To == "a" ? a : b);
        await runtime.SetupAsync(CancellationToken.None);
        runtime.Start();

        Assert.True(await a.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout());
        Assert.True(a.TryRead(out var first));
        var frame = first.Get<ImageFrame>();
        frame.Dispose();
        FrameHolds.Release(first);
        Assert.False(frame.IsDisposed);

        Assert.True(b.TryRead(out _));
        Assert.True(await b.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout());
        Assert.True(b.TryRead(out var second));
        Assert.Same(frame, second.Get<ImageFrame>());
        await WaitUntilAsync(() => runtime.Completion.IsCompleted);
        Assert.False(frame.IsDisposed);
        Assert.Equal(24, frame.Pixels.Length);
        FrameHolds.Release(second);
        Assert.True(frame.IsDisposed);
    }

    [Fact]
    public async Task LocalFanOut_EveryConsumerMayDisposeItsFrames_AndTheLastStepGivesTheBufferBack()
    {
        var key = Scratch.NewKey();
        var graph = CameraWithDisposingSibling(key, 40, new CheckFrame { Key = key, DelayMs = 2 });

        var report = await RunHelper.RunToEndAsync(graph);

        Assert.Equal(40, report.Node("consumer").Steps);
        AssertEveryFrameWasIntactAndGoneBack(key, 40);
        RunHelper.AssertCountersAddUp(report);
    }

    [Fact]
    public async Task RoutingOneFrameToSeveralConsumers_EachMayDisposeIt()
    {
        var key = Scratch.NewKey();
        var graph = new Chimera.Graph("routed-holds")
            .AddNode("cam", new PatternFrames { Key = key, Count = 40 })
            .AddNode("split", new RouteToAll())
            .AddNode("quick", new DisposeFrame())
            .AddNode("slow", new CheckFrame { Key = key, DelayMs = 1 })
            .AddEdge("cam", "split")
            .AddEdge("split", "quick")
            .AddEdge("split", "slow");

        var report = await RunHelper.RunToEndAsync(graph);

        Assert.Equal(40, report.Node("slow").Steps);
        Assert.Equal(0, report.Node("split").Failures);
        AssertEveryFrameWasIntactAndGoneBack(key, 40);
    }

    [Fact]
    public async Task ANodeThatRetainsAFrame_ReadsItInALaterStep_ThoughASiblingDisposedIt()
    {
        var key = Scratch.NewKey();
        var graph = CameraWithDisposingSibling(key, 30, new ComparePrevious { Key = key, DelayMs = 2 });

        var report = await RunHelper.RunToEndAsync(graph);

        Assert.Equal(30, report.Node("consumer").Steps);
        AssertEveryFrameWasIntactAndGoneBack(key, 30);
    }

    [Fact]
    public async Task Latest_KeepsAWatchedInputsFrameReadableWhileAStepUsesIt_ThoughANewerOneReplacesIt()
    {
        // The overlay steps on the ticker and reads the camera's latest frame for a while; the camera replaces it many
        // times per step and a sibling disposes every frame at once.
        var key = Scratch.NewKey();
        var graph = CameraWithDisposingSibling(
                key,
                200,
                new CheckFrame { Key = key, DelayMs = 3, Input = "cam", Dispose = false },
                edge: new EdgeOptions { Capacity = 1, Overflow = OverflowPolicy.Latest },
                periodMs: 1)
            .AddNode("tick", new Ticker { PeriodMs = 1, Count = 60, WaitForKey = key, WaitForCount = 5 })
            .AddEdge("tick", "consumer", new EdgeOptions { Follow = true });

        var report = await RunHelper.RunToEndAsync(graph);

        Assert.True(report.Node("consumer").Steps > 0);
        AssertEveryFrameWasIntactAndGoneBack(key, 200);
        RunHelper.AssertCountersAddUp(report);
    }

    [Fact]
    public async Task Zip_GivesBackTheFramesItCannotPair()
    {
        var key = Scratch.NewKey();
        var graph = CameraWithDisposingSibling(key, 20, new CheckFrame { Key = key, Input = "cam", Dispose = false }, new NodeOptions { Trigger = TriggerMode.Zip })
            .AddNode("tick", new Ticker { PeriodMs = 1, Count = 2 })
            .AddEdge("tick", "consumer");

        var report = await RunHelper.RunToEndAsync(graph);

        Assert.Equal(2, report.Node("consumer").Steps);
        Assert.Equal(18, report.Node("consumer").Discarded);
        AssertEveryFrameWasIntactAndGoneBack(key, 20);
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
    /// <summary>
    /// A camera of <paramref name="frames"/> pattern frames (<see cref="PatternFrames"/>, recorded under
    /// <paramref name="key"/>) feeding a sink that disposes each one at once and <paramref name="consumer"/>, the node
    /// under test, named "consumer".
    /// </summary>
    private static Chimera.Graph CameraWithDisposingSibling(string key, int frames, Node consumer, NodeOptions? options = null, EdgeOptions? edge = null, int periodMs = 0) =>
        new Chimera.Graph("frame-holds")
            .AddNode("cam", new PatternFrames { Key = key, Count = frames, PeriodMs = periodMs })
            .AddNode("quick", new DisposeFrame())
            .AddNode("consumer", consumer, options)
            .AddEdge("cam", "quick")
            .AddEdge("cam", "consumer", edge);

    /// <summary>Asserts every check <see cref="CheckFrame"/> made passed and every frame <see cref="PatternFrames"/> made went back to the pool.</summary>
    private static void AssertEveryFrameWasIntactAndGoneBack(string key, int frames)
    {
        var problems = Scratch.Of(key + ":problems").Cast<string>().ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(5)));
        Assert.NotEmpty(Scratch.Of(key + ":checked"));
        var made = Scratch.Of(key).Cast<ImageFrame>().ToList();
        Assert.Equal(frames, made.Count);
        Assert.All(made, frame => Assert.True(frame.IsDisposed, "a frame was never given back to the pool"));
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

/// <summary>A source of <see cref="Count"/> 64×48 gray frames, frame n filled with n (mod 251) and carrying n in record "n"; each frame is also kept under <see cref="Key"/>.</summary>
public sealed class PatternFrames : Node
{
    private int _n;

    public string Key { get; set; } = "";

    public int Count { get; set; } = 10;

    /// <summary>Milliseconds slept before each frame; 0 for as fast as downstream takes them.</summary>
    public int PeriodMs { get; set; }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        if (PeriodMs > 0)
        {
            Thread.Sleep(PeriodMs);
        }

        var frame = new ImageFrame(64, 48, PixelFormat.Gray8);
        frame.Pixels.Fill((byte)(_n % 251));
        Scratch.Of(Key).Enqueue(frame);
        var chunk = new DataChunk().Add("frame", frame).Add("n", _n);
        if (++_n == Count)
        {
            EndStream();
        }

        return chunk;
    }
}

/// <summary>Disposes each frame it receives at once.</summary>
public sealed class DisposeFrame : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var name in inputs.Names)
        {
            if (inputs[name].TryGet<ImageFrame>("frame", out var frame))
            {
                frame.Dispose();
            }
        }

        return null;
    }
}

/// <summary>
/// Waits <see cref="DelayMs"/>, then checks that the frame of <see cref="Input"/> (or the only input) is not disposed and
/// still holds its pattern, noting problems under <see cref="Key"/>:problems; disposes it when <see cref="Dispose"/>.
/// </summary>
public sealed class CheckFrame : Node
{
    public string Key { get; set; } = "";

    public string Input { get; set; } = "";

    public int DelayMs { get; set; }

    public bool Dispose { get; set; } = true;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var chunk = Input.Length > 0 ? inputs[Input] : inputs.Single;
        var frame = chunk.Get<ImageFrame>("frame");
        var expected = (byte)(chunk.Get<int>("n") % 251);
        if (DelayMs > 0)
        {
            Thread.Sleep(DelayMs);
        }

        if (frame.IsDisposed)
        {
            Scratch.Of(Key + ":problems").Enqueue($"frame {chunk.Get<int>("n")} was back in the pool during the step");
        }
        else if (frame.Pixels.IndexOfAnyExcept(expected) is var at and >= 0)
        {
            Scratch.Of(Key + ":problems").Enqueue($"frame {chunk.Get<int>("n")} holds {frame.Pixels[at]} at {at}, not {expected}");
        }

        Scratch.Of(Key + ":checked").Enqueue(chunk.Get<int>("n"));
        if (Dispose)
        {
            frame.Dispose();
        }

        return null;
    }
}

/// <summary>Routes its input, as one chunk, to each of its downstream nodes in turn (<c>EmitTo</c>), rather than broadcasting it.</summary>
public sealed class RouteToAll : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var chunk = inputs.Single;
        foreach (var target in new[] { "quick", "slow" })
        {
            EmitTo(target, chunk);
        }

        return null;
    }
}

/// <summary>
/// Keeps each frame until the next step (<see cref="ImageFrame.Retain"/>), where it checks the kept frame still holds its
/// pattern after <see cref="DelayMs"/>, as <see cref="CheckFrame"/> does, then lets it go; lets the last one go at teardown.
/// </summary>
public sealed class ComparePrevious : Node
{
    private ImageFrameLease? _previous;
    private int _previousN;

    public string Key { get; set; } = "";

    public int DelayMs { get; set; }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        // Awaited rather than slept: a blocked thread-pool thread can keep the sibling that disposes frames from running
        // until this node has worked through its whole input, and the test would then prove nothing.
        await Task.Delay(DelayMs, cancellationToken);
        if (_previous is { } previous)
        {
            var frame = previous.Frame;
            var expected = (byte)(_previousN % 251);
            if (frame.IsDisposed || frame.Pixels.IndexOfAnyExcept(expected) >= 0)
            {
                Scratch.Of(Key + ":problems").Enqueue($"frame {_previousN} changed or went back to the pool while retained");
            }

            Scratch.Of(Key + ":checked").Enqueue(_previousN);
            previous.Dispose();
        }

        var chunk = inputs.Single;
        _previous = chunk.Get<ImageFrame>("frame").Retain();
        _previousN = chunk.Get<int>("n");
        return null;
    }

    /// <inheritdoc />
    public override ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        _previous?.Dispose();
        return ValueTask.CompletedTask;
    }
}
