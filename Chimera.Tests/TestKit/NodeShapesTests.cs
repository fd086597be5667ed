using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

/// <summary>The TestKit with the node shapes the runtime supports: several inputs, parallel instances, chunks, async sources.</summary>
public class NodeShapesTests
{
    [Fact]
    public async Task TwoInputs_UnderZip_StepOncePerPair()
    {
        var options = new NodeTestOptions { Node = new NodeOptions { Trigger = TriggerMode.Zip } };
        options.InputEdges["a"] = new EdgeOptions { Capacity = 1 };
        await using var probe = await NodeTestKit.RunAsync(new SumInputs(), inputs: ["a", "b"], options);
        probe.Output.Request(10);

        // With one slot, the second send proves the node took the first; it then waits for its partner from b.
        await probe.Input("a").SendNextNAsync([1L, 2L]);
        await probe.Output.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, probe.Input("a").Demand);
        Assert.Equal(EdgeOptions.DefaultCapacity, probe.Input("b").Demand);
        await probe.Input("b").SendNextNAsync([10L, 20L]);

        await probe.Output.ExpectNextNAsync([11L, 22L]);
        Assert.Equal(["a", "b"], probe.Inputs.Select(i => i.Name));
    }

    [Fact]
    public async Task Parallelism_SetsUpAndTearsDownEveryInstance()
    {
        var options = new NodeTestOptions { Node = new NodeOptions { Parallelism = 3 } };
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 2 }, inputs: ["gen"], options);
        probe.Output.Request(100);

        await probe.Input("gen").SendNextNAsync(Enumerable.Range(1, 20).Select(i => (object)(long)i));

        var values = await probe.Output.ExpectNextNAsync<long>(20);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => 2L * i), values.Order());
        Assert.Equal(3, probe.Setups);
        await probe.StopAsync();
        Assert.Equal(3, probe.Teardowns);
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task Chunks_WithNamedRecords_GoInAndComeOut()
    {
        await using var probe = await NodeTestKit.RunAsync(new Enrich(), inputs: ["gen"]);
        probe.Output.Request(1);

        await probe.Input("gen").SendNextAsync(new DataChunk().Add("x", 21L));

        var chunk = await probe.Output.ExpectNextChunkAsync();
        Assert.Equal(42L, chunk.Get<long>("twice"));
        Assert.True(chunk.IsFrozen);
        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(async () =>
        {
            probe.Output.Request(1);
            await probe.Input("gen").SendNextAsync(new DataChunk().Add("x", 1L));
            await probe.Output.ExpectNextAsync(2L);
        });
        Assert.StartsWith("Expected next element 2 from 'Enrich', but got DataChunk(", ex.Message);
        Assert.EndsWith("which has no 'default' record; use ExpectNextChunkAsync to check named records.", ex.Message);
    }

    [Fact]
    public async Task AsyncSource_RunsToItsEnd()
    {
        await using var probe = await NodeTestKit.RunAsync(new Runtime.Produce { Count = 3 });
        probe.Output.Request(10);

        await probe.Output.ExpectNextNAsync(["item0", "item1", "item2"]);
        await probe.Output.ExpectCompleteAsync();
        await probe.StopAsync();
        probe.AssertNoLeaks();
    }
}
