using Chimera.Nodes;
using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

/// <summary>The examples of Chimera.TestKit/README.md, kept compiling and passing.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Multiplies_and_completes()
    {
        await using var probe = await NodeTestKit.RunAsync(new MultiplyBy { Coef = 3 }, inputs: ["gen"]);

        probe.Output.Request(2);
        await probe.Input("gen").SendNextAsync(2L);
        await probe.Input("gen").SendNextAsync(5L);

        await probe.Output.ExpectNextAsync(6L);
        await probe.Output.ExpectNextAsync<long>(v => v > 10, "more than 10");

        probe.Input("gen").SendComplete();
        await probe.Output.ExpectCompleteAsync();

        Assert.Equal(2, probe.Report.Steps);
        Assert.Equal(1, probe.Teardowns);

        await probe.StopAsync();
        probe.AssertNoLeaks();
    }

    [Fact]
    public async Task Rate_limited_source_emits_one_element_per_100_ms()
    {
        await using var probe = await NodeTestKit.RunAsync(new Counter { Rate = 10 });
        probe.Output.Request(100);

        await probe.Output.ExpectNextAsync(0L);
        await probe.Clock.WaitForTimersAsync();
        probe.Clock.Advance(TimeSpan.FromMilliseconds(99));
        await probe.Output.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(20));
        probe.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await probe.Output.ExpectNextAsync(1L);
    }

    [Fact]
    public async Task Small_graph()
    {
        var graph = new Chimera.Graph("pair")
            .AddNode("double", new MultiplyBy { Coef = 2 })
            .AddNode("inc", new AddTo { Amount = 1 })
            .AddEdge("double", "inc");

        await using var run = await GraphTestKit.RunAsync(
            graph,
            inputs: new Dictionary<string, IReadOnlyList<string>> { ["gen"] = ["double"] },
            outputs: ["double", "inc"]);

        run.Output("inc").Request(10);
        await run.Input("gen").SendNextAsync(5L);
        await run.Output("inc").ExpectNextAsync(11L);

        RunReport report = await run.StopAsync();
        run.AssertNoLeaks();
        Assert.Equal(1, report.Node("inc").Steps);
    }
}
