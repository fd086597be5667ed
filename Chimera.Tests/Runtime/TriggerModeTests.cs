using Chimera.Nodes;

namespace Chimera.Tests.Runtime;

public class TriggerModeTests
{
    [Fact]
    public async Task Latest_WithoutFollow_StepsOnFirstEdgeWithLatestOfOthers()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("fast", new Ticker { Prefix = "f", PeriodMs = 5, Count = 40, SignalKey = key + ":fast" })
            .AddNode("slow", new Ticker { Prefix = "s", PeriodMs = 60, Count = 4, WaitForKey = key + ":fast", WaitForCount = 5 })
            .AddNode("sink", new CollectInputs { Key = key })
            .AddEdge("fast", "sink")
            .AddEdge("slow", "sink");

        var report = await RunHelper.RunToEndAsync(g);

        var steps = Scratch.Of(key).Cast<string>().ToList();
        var sink = report.Node("sink");
        Assert.Equal(40, sink.Steps + sink.Discarded);
        Assert.True(sink.Discarded > 0, "fast elements before slow's first delivery are discarded");
        Assert.All(steps, s => Assert.Matches("^fast=f\\d+;slow=s\\d+$", s));
        Assert.True(steps.Select(s => s.Split(';')[1]).Distinct().Count() >= 2, "the slow value is refreshed: " + string.Join(",", steps));
        var fastValues = steps.Select(s => int.Parse(s.Split(';')[0][6..])).ToList();
        Assert.Equal(fastValues.Order(), fastValues);
        Assert.Equal(fastValues.Distinct().Count(), fastValues.Count);
        RunHelper.AssertCountersAddUp(report);
    }

    [Fact]
    public async Task Latest_FollowingSlowInput_StepsAtSlowRate()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("fast", new Ticker { Prefix = "f", PeriodMs = 5, Count = 60 })
            .AddNode("slow", new Ticker { Prefix = "s", PeriodMs = 60, Count = 4 })
            .AddNode("sink", new CollectInputs { Key = key })
            .AddEdge("fast", "sink")
            .AddEdge("slow", "sink", new EdgeOptions { Follow = true });

        var report = await RunHelper.RunToEndAsync(g);

        var steps = Scratch.Of(key).Cast<string>().ToList();
        var sink = report.Node("sink");
        Assert.Equal(4, sink.Steps + sink.Discarded);
        Assert.True(sink.Steps >= 3, $"steps {sink.Steps}");
        Assert.Equal(steps.Select(s => s.Split(';')[1]), steps.Select(s => s.Split(';')[1]).Distinct());
        var fastValues = steps.Select(s => int.Parse(s.Split(';')[0][6..])).ToList();
        Assert.True(fastValues.Zip(fastValues.Skip(1)).All(p => p.Second > p.First), "latest fast value advances: " + string.Join(",", steps));
    }

    [Fact]
    public async Task Zip_PairsInOrder_AndCountsUnmatched()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("a", new Counter { Count = 100 })
            .AddNode("b", new Counter { Start = 1000, Count = 50 })
            .AddNode("sink", new CollectInputs { Key = key }, new NodeOptions { Trigger = TriggerMode.Zip })
            .AddEdges(("a", "sink"), ("b", "sink"));

        var report = await RunHelper.RunToEndAsync(g);

        var steps = Scratch.Of(key).Cast<string>().ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a={i};b={1000 + i}"), steps);
        Assert.Equal(50, report.Node("sink").Discarded);
        RunHelper.AssertCountersAddUp(report);
    }

    [Fact]
    public async Task Each_StepsOnEveryElement_PreservingPerInputOrder()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("a", new Counter { Count = 300 })
            .AddNode("b", new Counter { Start = 1000, Count = 200 })
            .AddNode("sink", new Collect { Key = key }, new NodeOptions { Trigger = TriggerMode.Each })
            .AddEdges(("a", "sink"), ("b", "sink"));

        var report = await RunHelper.RunToEndAsync(g);

        var values = Scratch.Of(key).Cast<long>().ToList();
        Assert.Equal(500, values.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), values.Where(v => v < 1000));
        Assert.Equal(Enumerable.Range(1000, 200).Select(i => (long)i), values.Where(v => v >= 1000));
        Assert.Equal(500, report.Node("sink").Steps);
    }
}
