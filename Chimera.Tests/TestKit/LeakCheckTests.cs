using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class LeakCheckTests
{
    [Fact]
    public async Task GoodNode_AfterStop_HasNoLeaks()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 2 }, inputs: ["gen"]);
        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L]);

        // Stop drains: the output probe takes what is left, and it can still be expected.
        await probe.StopAsync();
        await probe.Output.ExpectNextNAsync([2L, 4L, 6L]);
        await probe.Output.ExpectCompleteAsync();

        Assert.Empty(probe.FindLeaks());
        probe.AssertNoLeaks();
        Assert.Equal(probe.Setups, probe.Teardowns);
    }

    [Fact]
    public async Task GoodNode_AfterDispose_HasNoLeaks()
    {
        var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 2 }, inputs: ["gen"]);
        await probe.Input("gen").SendNextAsync(1L);

        await probe.DisposeAsync();

        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task WhileRunning_TheCheckAsksForStopFirst()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy(), inputs: ["gen"]);

        var ex = Assert.Throws<ExpectationFailedException>(probe.AssertNoLeaks);

        Assert.Contains("The run is still going; call StopAsync (or dispose the probe) before checking for leaks.", ex.Message);
    }

    [Fact]
    public async Task TeardownThatNeverReturns_FailsStop_AndTheLeakCheck()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = await NodeTestKit.RunAsync(new HangingTeardown { Name = "stuck", Key = key }, inputs: ["gen"], new NodeTestOptions { Outputs = [] });
        try
        {
            var stop = await Assert.ThrowsAsync<ExpectationFailedException>(() => probe.StopAsync(TimeSpan.FromMilliseconds(100)));
            Assert.Matches(@"^Expected the run to drain within [\d.]+ m?s after stop, but it did not, even after an abort\. Nodes: 'stuck' Draining", stop.Message);

            var ex = Assert.Throws<ExpectationFailedException>(probe.AssertNoLeaks);
            Assert.Contains("Node 'stuck' started 1 teardown but only 0 returned; a teardown that never returns holds its stage (state Draining) forever.", ex.Message);
            Assert.Contains("The run's stages did not all finish: 'stuck' Draining", ex.Message);
        }
        finally
        {
            HangingTeardown.Gate(key).TrySetResult();
            await probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task TimerLeftOnTheClock_IsALeak()
    {
        var probe = await NodeTestKit.RunAsync(new LeaksTimer { Name = "leaky" }, inputs: ["gen"]);
        await probe.Input("gen").SendNextAsync(1L);
        await probe.StopAsync();

        var ex = Assert.Throws<ExpectationFailedException>(probe.AssertNoLeaks);

        Assert.Equal(
            "Expected every stage, task and buffer of the run to be released, but found 1 leak:" + Environment.NewLine +
            "- The test clock still has 1 timer that no one cancelled or disposed, i.e. work a node left running after teardown: a timer due in 3600 s.",
            ex.Message);
        await probe.DisposeAsync();
    }

    [Fact]
    public async Task FailedRun_BuffersLeftByTheAbortAreNotLeaks()
    {
        await using var probe = await NodeTestKit.RunAsync(new FailOn { Value = 1 }, inputs: ["gen"]);
        await probe.Input("gen").SendNextNAsync([1L, 2L, 3L]);
        await probe.ExpectFailureAsync();

        await probe.StopAsync();

        probe.AssertNoLeaks();
    }
}
