using Chimera.Nodes;
using Chimera.Tests.Runtime;

namespace Chimera.Tests.Graph;

public class GraphValidationTests
{
    private static Chimera.Graph Two(EdgeOptions? options = null) =>
        new Chimera.Graph()
            .AddNode("a", new Counter())
            .AddNode("b", new Collect())
            .AddEdge("a", "b", options);

    [Fact]
    public void Validate_ValidGraph_Passes()
    {
        Assert.Empty(Two().GetValidationErrors());
    }

    [Fact]
    public void Validate_Cycle_NamesTheNodes()
    {
        var g = new Chimera.Graph()
            .AddNode("src", new Counter())
            .AddNode("x", new Identity())
            .AddNode("y", new Identity())
            .AddEdges(("src", "x"), ("x", "y"), ("y", "x"));
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("cycle") && e.Contains("x -> y -> x"));
    }

    [Fact]
    public void Validate_DuplicateNames_NamesTheName()
    {
        var g = new Chimera.Graph().AddNode("a", new Counter()).AddNode("a", new Identity());
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("'a' is used by 2 nodes"));
    }

    [Fact]
    public void Validate_SelfLoop_IsRejected()
    {
        var g = new Chimera.Graph().AddNode("a", new Identity()).AddEdge("a", "a");
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("'a -> a' is a self-loop"));
    }

    [Fact]
    public void Validate_EdgeToMissingNode_NamesEdgeAndNode()
    {
        var g = new Chimera.Graph().AddNode("a", new Counter()).AddEdge("a", "ghost");
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("'a -> ghost'") && e.Contains("'ghost', which is not a node"));
    }

    [Fact]
    public void Validate_EdgeFromMissingNode_NamesEdgeAndNode()
    {
        var g = new Chimera.Graph().AddNode("b", new Identity()).AddEdge("ghost", "b");
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("starts at 'ghost'"));
    }

    [Fact]
    public void Validate_SourceWithTriggerMode_IsRejected()
    {
        var g = new Chimera.Graph().AddNode("a", new Counter(), new NodeOptions { Trigger = TriggerMode.Zip });
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("Node 'a' is a source") && e.Contains("trigger mode 'Zip'"));
    }

    [Fact]
    public void Validate_FollowOnNonLatestTrigger_IsRejected()
    {
        var g = new Chimera.Graph()
            .AddNode("a", new Counter())
            .AddNode("b", new Counter())
            .AddNode("c", new Collect(), new NodeOptions { Trigger = TriggerMode.Zip })
            .AddEdge("a", "c", new EdgeOptions { Follow = true })
            .AddEdge("b", "c");
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("'a -> c' is marked follow") && e.Contains("'Zip'"));
    }

    [Fact]
    public void Validate_TwoFollowedInputs_IsRejected()
    {
        var g = new Chimera.Graph()
            .AddNode("a", new Counter())
            .AddNode("b", new Counter())
            .AddNode("c", new Collect())
            .AddEdge("a", "c", new EdgeOptions { Follow = true })
            .AddEdge("b", "c", new EdgeOptions { Follow = true });
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains(ex.Errors, e => e.Contains("Node 'c' follows 2 inputs (a, b)"));
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var g = new Chimera.Graph().AddNode("a", new Counter()).AddNode("a", new Counter()).AddEdge("a", "x").AddEdge("y", "a");
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.True(ex.Errors.Count >= 3, ex.Message);
        Assert.StartsWith("The graph 'graph' is invalid:", ex.Message);
    }

    [Fact]
    public void AddEdge_AfterCompile_ThrowsFrozen()
    {
        var g = Two();
        g.Compile();
        var ex = Assert.Throws<InvalidOperationException>(() => g.AddEdge("b", "a"));
        Assert.Contains("frozen", ex.Message);
    }

    [Fact]
    public void EdgeOptions_BoundsBelowOne_AreRejectedNamingTheOption()
    {
        Assert.Equal("Capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOptions { Capacity = 0 }).ParamName);
        Assert.Equal("CapacityBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOptions { CapacityBytes = 0 }).ParamName);
        Assert.Equal((64, 32L << 20), (new EdgeOptions().Capacity, new EdgeOptions().CapacityBytes));
    }

    [Fact]
    public void ToDot_HasNodesAndLabelledEdges()
    {
        var dot = Two(new EdgeOptions { Overflow = OverflowPolicy.DropOldest, Capacity = 8, CapacityBytes = 1 << 20 }).ToDot();
        Assert.Contains("digraph \"graph\"", dot);
        Assert.Contains("\"a\" -> \"b\" [label=\"DropOldest, cap 8, cap 1048576 B\"]", dot);
    }

    [Fact]
    public void ToMermaid_HasFlowchart()
    {
        var mermaid = Two(new EdgeOptions { Follow = true }).ToMermaid();
        Assert.StartsWith("flowchart LR", mermaid);
        Assert.Contains("n0 -->|\"follow\"| n1", mermaid);
        Assert.Contains("n0[\"a<br/>Counter\"]", mermaid);
    }
}
