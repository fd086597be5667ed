using Chimera.Nodes;
using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class GraphTestKitTests
{
    private static Chimera.Graph TwoNodes() => new Chimera.Graph("pair")
        .AddNode("double", new MultiplyBy { Coef = 2 })
        .AddNode("inc", new AddTo { Amount = 1 })
        .AddEdge("double", "inc");

    [Fact]
    public async Task TwoNodes_FedByAProbe_ObservedAtBothOutputs()
    {
        var graph = TwoNodes();
        await using var run = await GraphTestKit.RunAsync(
            graph,
            inputs: new Dictionary<string, IReadOnlyList<string>> { ["gen"] = ["double"] },
            outputs: ["double", "inc"]);
        run.Output("double").Request(10);
        run.Output("inc").Request(10);

        await run.Input("gen").SendNextNAsync([1L, 5L]);

        await run.Output("double").ExpectNextNAsync([2L, 10L]);
        await run.Output("inc").ExpectNextNAsync([3L, 11L]);
        var report = await run.StopAsync();
        await run.Output("inc").ExpectCompleteAsync();
        Assert.Equal(2, report.Node("inc").Steps);
        Assert.Equal(2, report.Edge("double", "inc").Received);
        Assert.False(graph.IsFrozen);
        run.AssertNoLeaks();
    }

    [Fact]
    public async Task SourceInTheGraph_RunsOnTheTestClock()
    {
        var graph = new Chimera.Graph()
            .AddNode("tick", new Counter { Rate = 1 })
            .AddNode("double", new MultiplyBy { Coef = 2 })
            .AddEdge("tick", "double");
        await using var run = await GraphTestKit.RunAsync(graph, outputs: ["double"]);
        run.Output("double").Request(10);

        await run.Output("double").ExpectNextAsync(0L);
        await run.Clock.WaitForTimersAsync();
        run.Clock.Advance(TimeSpan.FromSeconds(2));
        await run.Output("double").ExpectNextNAsync([2L, 4L]);

        await run.StopAsync();
        run.AssertNoLeaks();
    }

    [Fact]
    public async Task FailureUpstream_ReachesTheObservedOutput()
    {
        var graph = new Chimera.Graph()
            .AddNode("fragile", new FailOn { Value = 2 })
            .AddNode("inc", new AddTo { Amount = 1 })
            .AddEdge("fragile", "inc");
        await using var run = await GraphTestKit.RunAsync(graph, new Dictionary<string, IReadOnlyList<string>> { ["gen"] = ["fragile"] }, ["inc"]);
        run.Output("inc").Request(10);

        // Wait for 1 to get through before sending 2: the failure aborts elements still in flight.
        await run.Input("gen").SendNextAsync(1L);
        await run.Output("inc").ExpectNextAsync(2L);
        await run.Input("gen").SendNextAsync(2L);

        var failure = await run.Output("inc").ExpectErrorAsync();
        Assert.Equal("fragile", failure.Node);
        Assert.Equal("fragile", (await run.ExpectFailureAsync("fragile")).Node);
        await run.StopAsync();
        run.AssertNoLeaks();
    }

    [Fact]
    public async Task ProbeNamedLikeANode_IsRejectedByGraphValidation()
    {
        var ex = await Assert.ThrowsAsync<GraphValidationException>(() => GraphTestKit.RunAsync(
            TwoNodes(),
            new Dictionary<string, IReadOnlyList<string>> { ["inc"] = ["double"] }));

        Assert.Contains("Node name 'inc' is used by 2 nodes", ex.Message);
    }
}
