using Chimera.Nodes;
using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class NodeTestKitTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Multiply_TwoTimesCoefThree_IsSix()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);

        probe.Output.Request(1);
        await probe.Input("gen").SendNextAsync(2L);

        Assert.Equal(6L, await probe.Output.ExpectNextAsync(6L));
        Assert.Equal(1, probe.Report.Steps);
    }

    [Fact]
    public async Task PlainReturnValue_IsWrappedAtTheWorkersClock_NotTheMachineClock()
    {
        // The probe's clock stands in for a worker's cluster clock: months away from the machine's, so a chunk stamped
        // with DateTimeOffset.UtcNow instead cannot pass.
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);
        probe.Clock.Advance(TimeSpan.FromMinutes(5));
        probe.Output.Request(1);

        await probe.Input("gen").SendNextAsync(2L);
        var chunk = await probe.Output.ExpectNextChunkAsync();

        Assert.Equal(probe.Clock.GetUtcNow(), chunk.Created);
        Assert.Equal(chunk.Created, chunk.GetRecord(DataChunk.DefaultRecordName).Created);
    }

    [Fact]
    public async Task Node_IsRebuiltFromItsConfiguration_NotTheTemplateInstance()
    {
        var template = new MultiplyBy { Name = "times", Coef = 3 };
        await using var probe = await NodeTestKit.RunAsync(template, inputs: ["gen"]);
        template.Coef = 100;

        await probe.Input("gen").SendNextAsync(2L);

        Assert.Equal(6L, await probe.Output.RequestNextAsync(6L));
        Assert.Equal("times", probe.Report.Name);
    }

    [Fact]
    public async Task ExpectNext_WithPredicate_ReturnsTheValue()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);
        probe.Output.Request(2);

        await probe.Input("gen").SendNextNAsync([5L, 6L]);

        Assert.Equal(15L, await probe.Output.ExpectNextAsync<long>(v => v % 5 == 0, "a multiple of 5"));
        Assert.Equal(18L, await probe.Output.ExpectNextAsync<long>(v => v > 15));
    }

    [Fact]
    public async Task ExpectNextN_ByValuesAndByCount()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 2 }, inputs: ["gen"]);
        probe.Output.Request(5);

        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L, 4L, 5L]);

        Assert.Equal([2L, 4L, 6L], await probe.Output.ExpectNextNAsync([2L, 4L, 6L]));
        Assert.Equal([8L, 10L], await probe.Output.ExpectNextNAsync<long>(2));
    }

    [Fact]
    public async Task ExpectNoMessage_PassesWhileNothingIsSent_AndWhenNothingIsRequested()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);

        probe.Output.Request(1);
        await probe.Output.ExpectNoMessageAsync(Short);

        await probe.Input("gen").SendNextNAsync([1L, 2L]);
        await probe.Output.ExpectNextAsync(3L);
        await probe.Output.ExpectNoMessageAsync(Short);

        probe.Output.Request(1);
        await probe.Output.ExpectNextAsync(6L);
    }

    [Fact]
    public async Task SendComplete_CompletesTheOutput_AfterTeardownRan()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);
        probe.Output.Request(10);
        await probe.Input("gen").SendNextAsync(1L);

        probe.Input("gen").SendComplete();

        await probe.Output.ExpectNextAsync(3L);
        await probe.Output.ExpectCompleteAsync();
        Assert.Equal(1, probe.Setups);
        Assert.Equal(1, probe.Teardowns);
        await probe.StopAsync();
        Assert.Equal(NodeState.Stopped, probe.Report.State);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task NodeThrows_ExpectError_NamesTheNodeAndTheError()
    {
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Name = "fragile", Value = 2 }, inputs: ["gen"]);
        probe.Output.Request(10);

        await probe.Input("gen").SendNextNAsync([1L, 2L]);

        await probe.Output.ExpectNextAsync(1L);
        var failure = await probe.Output.ExpectErrorAsync();
        Assert.Equal("fragile", failure.Node);
        Assert.Equal("step", failure.Phase);
        Assert.Equal("InvalidOperationException: boom at 2", failure.Error);

        var report = await probe.StopAsync();
        Assert.Equal(NodeState.Failed, report.State);
        Assert.Equal(1, report.Failures);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task SinkThrows_ExpectFailure_OnTheRun()
    {
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Name = "sink", Value = 1 }, inputs: ["gen"], new NodeTestOptions { Outputs = [] });

        await probe.Input("gen").SendNextAsync(1L);

        var failure = await probe.ExpectFailureAsync();
        Assert.Equal("sink", failure.Node);
        Assert.Throws<InvalidOperationException>(() => probe.Output);
    }

    [Fact]
    public async Task SendError_FailsTheNodeWithTheUpstreamError()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Name = "m", Coef = 3 }, inputs: ["gen"]);

        probe.Input("gen").SendError(new IOException("camera unplugged"));

        var failure = await probe.Output.ExpectErrorAsync();
        Assert.Equal("m", failure.Node);
        Assert.Equal("IOException: camera unplugged", failure.Error);
    }

    [Fact]
    public async Task UnexpectedFailure_MakesStopThrow()
    {
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Name = "fragile", Value = 1 }, inputs: ["gen"]);
        await probe.Input("gen").SendNextAsync(1L);
        await probe.ExpectFailureAsync();

        // Seen through ExpectFailureAsync: stop does not complain.
        await probe.StopAsync();

        await using var unobserved = await NodeTestKit.RunAsync(new FailOn { Name = "fragile", Value = 1 }, inputs: ["gen"]);
        await unobserved.Input("gen").SendNextAsync(1L);
        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => unobserved.StopAsync());
        Assert.Contains("The run failed and the test did not expect it:", ex.Message);
        Assert.Contains("- node 'fragile' failed during step: InvalidOperationException: boom at 1", ex.Message);
    }

    [Fact]
    public async Task SupervisionResume_SkipsTheElement_AndShowsInTheMetrics()
    {
        var options = new NodeTestOptions { Node = new NodeOptions { Supervision = SupervisionStrategy.Resume } };
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Value = 2 }, inputs: ["gen"], options);
        probe.Output.Request(10);

        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L]);

        await probe.Output.ExpectNextNAsync([1L, 3L]);
        Assert.Equal(1, probe.Report.Failures);
        Assert.Equal(0, probe.Report.Restarts);
        Assert.Equal(2, probe.Report.Steps);
        var report = await probe.StopAsync();
        Assert.Equal(NodeState.Stopped, report.State);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task SupervisionRestart_WaitsItsBackoffOnTheTestClock()
    {
        var options = new NodeTestOptions
        {
            Node = new NodeOptions { Supervision = SupervisionStrategy.Restart, RestartBackoff = TimeSpan.FromSeconds(5) },
        };
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Value = 2 }, inputs: ["gen"], options);
        probe.Output.Request(10);
        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L]);
        await probe.Output.ExpectNextAsync(1L);

        // The replacement is set up only after five seconds of the node's time.
        await probe.Clock.WaitForTimersAsync();
        await probe.Output.ExpectNoMessageAsync(Short);
        probe.Clock.Advance(TimeSpan.FromSeconds(5));

        await probe.Output.ExpectNextAsync(3L);
        Assert.Equal(1, probe.Report.Restarts);
        Assert.Equal(2, probe.Setups);
        await probe.StopAsync();
        Assert.Equal(2, probe.Teardowns);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task Backpressure_WithoutDemand_TheNodeStopsPullingOnceBuffersAreFull()
    {
        var options = new NodeTestOptions
        {
            InputEdge = new EdgeOptions { Capacity = 2 },
            OutputEdge = new EdgeOptions { Capacity = 2 },
        };
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 1 }, inputs: ["gen"], options);
        var gen = probe.Input("gen");

        // Two fill the output edge, one waits in the node's step to be published, two fill the input edge.
        await gen.SendNextNAsync([1L, 2L, 3L, 4L, 5L]);

        await gen.ExpectNoRequestAsync(Short);
        Assert.Equal(0, gen.Demand);
        Assert.False(gen.TrySendNext(6L));
        Assert.Equal(2, probe.Output.Buffered);
        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => gen.SendNextAsync(6L, Short));
        Assert.Contains("Expected room on edge 'gen -> MultiplyBy' to send 6, but the node took nothing for", ex.Message);
        Assert.Contains("2 of 2 slots are full (sent 5, taken by the node 3, dropped 0)", ex.Message);

        // One element of demand frees one slot in the output, so the node publishes 3 and pulls 4.
        probe.Output.Request(1);
        Assert.Equal(1, await gen.ExpectRequestAsync());
        await probe.Output.ExpectNextAsync(1L);
        Assert.True(gen.TrySendNext(6L));

        probe.Output.Request(5);
        await probe.Output.ExpectNextNAsync([2L, 3L, 4L, 5L, 6L]);
        await probe.StopAsync();
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task RateLimitedSource_EmitsExactlyOneElementPer100MsOfClock()
    {
        await using var probe = await NodeTestKit.RunAsync(new Counter { Rate = 10 });
        probe.Output.Request(100);

        await probe.Output.ExpectNextAsync(0L);
        for (var i = 1L; i <= 5; i++)
        {
            await probe.Clock.WaitForTimersAsync();
            probe.Clock.Advance(TimeSpan.FromMilliseconds(99));
            await probe.Output.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(20));
            probe.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await probe.Output.ExpectNextAsync(i);
        }

        // Half a second at once: five more, no more.
        await probe.Clock.WaitForTimersAsync();
        probe.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await probe.Output.ExpectNextNAsync([6L, 7L, 8L, 9L, 10L]);
        await probe.Output.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(20));

        var report = await probe.StopAsync();
        await probe.Output.ExpectCompleteAsync();
        Assert.Equal(11, report.Steps);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task Recording_IsCapturedInMemory_AndTheSwitchIsControlledByTheTest()
    {
        await using var probe = await NodeTestKit.RunAsync(new SaveEach { Name = "saver" }, inputs: ["gen"]);
        probe.Output.Request(10);

        await probe.Input("gen").SendNextAsync(1L);
        await probe.Output.ExpectNextAsync(1L);
        probe.Clock.Advance(TimeSpan.FromSeconds(1));
        probe.IsRecording = false;
        await probe.Input("gen").SendNextAsync(2L);
        await probe.Output.ExpectNextAsync(2L);
        probe.IsRecording = true;
        await probe.Input("gen").SendNextAsync(3L);
        await probe.Output.ExpectNextAsync(3L);

        Assert.Equal(
            [
                new RecordedEntry("saver", "values", RecordingKind.Tabular, 1L, ManualClock.DefaultStart, true),
                new RecordedEntry("saver", "values", RecordingKind.Tabular, 3L, ManualClock.DefaultStart.AddSeconds(1), true),
            ],
            probe.Recorded);
    }

    [Fact]
    public async Task RoutedOutputs_HaveOneProbeEach()
    {
        var options = new NodeTestOptions { Outputs = ["even", "odd"] };
        await using var probe = await NodeTestKit.RunAsync(new Runtime.EvenOdd(), inputs: ["gen"], options);
        probe.OutputTo("even").Request(10);
        probe.OutputTo("odd").Request(10);

        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L, 4L]);

        await probe.OutputTo("even").ExpectNextNAsync([2L, 4L]);
        await probe.OutputTo("odd").ExpectNextNAsync([1L, 3L]);
        Assert.Throws<InvalidOperationException>(() => probe.Output);
        Assert.Throws<KeyNotFoundException>(() => probe.OutputTo("nope"));
    }

    [Fact]
    public async Task SetupThrows_RunFailsLikeACommit()
    {
        var ex = await Assert.ThrowsAsync<CommitFailedException>(() => NodeTestKit.RunAsync(new Runtime.SetupThrows { Name = "camera" }));

        Assert.Contains("node 'camera' on worker 'local' failed during setup: InvalidOperationException: camera not found", ex.Message);
    }

    [Fact]
    public async Task UnknownInput_SaysWhichInputsExist()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy(), inputs: ["a", "b"]);

        var ex = Assert.Throws<KeyNotFoundException>(() => probe.Input("c"));

        Assert.Equal("Node 'MultiplyBy' has no input named 'c'. Inputs: a, b.", ex.Message);
    }
}
