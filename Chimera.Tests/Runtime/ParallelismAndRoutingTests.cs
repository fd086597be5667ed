using Chimera.Nodes;

namespace Chimera.Tests.Runtime;

public class ParallelismAndRoutingTests
{
    [Fact]
    public async Task Parallelism_UsesEveryInstance_ProcessesEachElementOnce()
    {
        var key = Scratch.NewKey();
        var sinkKey = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 400 })
            .AddNode("work", new WhichInstance { Key = key }, new NodeOptions { Parallelism = 4 })
            .AddNode("sink", new Collect { Key = sinkKey })
            .AddEdges(("src", "work"), ("work", "sink"));

        var report = await RunHelper.RunToEndAsync(g);

        var handled = Scratch.Of(key).Cast<(int Instance, long Value)>().ToList();
        Assert.Equal(Enumerable.Range(0, 4), handled.Select(h => h.Instance).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), handled.Select(h => h.Value).Order());
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), Scratch.Of(sinkKey).Cast<long>().Order());
        Assert.Equal(400, report.Node("work").Steps);
    }

    [Fact]
    public async Task Routing_SendsEachOutputToTheNamedNodeOnly()
    {
        var even = Scratch.NewKey();
        var odd = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 100 })
            .AddNode("shunt", new EvenOdd())
            .AddNode("even", new Collect { Key = even })
            .AddNode("odd", new Collect { Key = odd })
            .AddEdges(("src", "shunt"), ("shunt", "even"), ("shunt", "odd"));

        var report = await RunHelper.RunToEndAsync(g);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)(2 * i)), Scratch.Of(even).Cast<long>());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)(2 * i) + 1), Scratch.Of(odd).Cast<long>());
        Assert.Equal(50, report.Edge("shunt", "even").Sent);
    }

    [Fact]
    public async Task Routing_UnknownTarget_FailsNamingNodeAndTarget()
    {
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 10 })
            .AddNode("shunt", new EvenOdd { Unknown = "nowhere" })
            .AddNode("even", new Collect { Key = Scratch.NewKey() })
            .AddEdges(("src", "shunt"), ("shunt", "even"));

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => RunHelper.RunToEndAsync(g));
        Assert.Contains("Node 'shunt' routed an output to 'nowhere', which is not one of its downstream nodes (even).", ex.Message);
    }

    [Fact]
    public async Task Emit_SeveralOutputsPerInput_InOrder()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Start = 1, Count = 3 })
            .AddNode("triple", new Triple())
            .AddNode("sink", new Collect { Key = key })
            .AddEdges(("src", "triple"), ("triple", "sink"));

        await RunHelper.RunToEndAsync(g);

        Assert.Equal([10L, 11, 12, 20, 21, 22, 30, 31, 32], Scratch.Of(key).Cast<long>());
    }

    [Fact]
    public async Task AsyncSource_PublishesEveryItem_ThenEnds()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("produce", new Produce { Count = 7 })
            .AddNode("sink", new Collect { Key = key })
            .AddEdge("produce", "sink");

        await RunHelper.RunToEndAsync(g);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"item{i}"), Scratch.Of(key).Cast<string>());
    }
}
