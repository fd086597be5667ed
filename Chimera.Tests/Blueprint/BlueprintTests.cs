using Chimera.Nodes;
using Chimera.Tests.Runtime;

namespace Chimera.Tests.Blueprint;

public class BlueprintTests
{
    private static Chimera.Graph Chain() =>
        new Chimera.Graph("chain")
            .AddNode("src", new Counter { Count = 10, Start = 5 })
            .AddNode("mul", new Multiply { Factor = 3 }, new NodeOptions { Parallelism = 2, Supervision = SupervisionStrategy.Resume })
            .AddNode("sink", new Collect { Key = "k" })
            .AddEdge("src", "mul", new EdgeOptions { Capacity = 7 })
            .AddEdge("mul", "sink", new EdgeOptions { Overflow = OverflowPolicy.DropOldest });

    private static Dictionary<string, IReadOnlyList<string>> Map(params (string Worker, string[] Nodes)[] pairs) =>
        pairs.ToDictionary(p => p.Worker, p => (IReadOnlyList<string>)p.Nodes);

    [Fact]
    public void Compile_NoMapping_PutsEverythingOnDefaultWorker()
    {
        var bp = Chain().Compile();
        var partition = Assert.Single(bp.Partitions);
        Assert.Equal(Chimera.Blueprint.DefaultWorker, partition.Worker);
        Assert.Equal(["src", "mul", "sink"], partition.Nodes);
        Assert.All(bp.Edges, e => Assert.False(e.IsRemote));
    }

    [Fact]
    public void Compile_Mapping_MarksRemoteEdges()
    {
        var bp = Chain().Compile(Map(("w1", ["src", "mul"]), ("w2", ["sink"])));
        Assert.False(bp.GetEdge("src -> mul").IsRemote);
        var remote = bp.GetEdge("mul -> sink");
        Assert.True(remote.IsRemote);
        Assert.Equal(("w1", "w2"), (remote.FromWorker, remote.ToWorker));
        Assert.Equal(["mul -> sink"], bp.GetPartition("w1").RemoteOutputs);
        Assert.Equal(["mul -> sink"], bp.GetPartition("w2").RemoteInputs);
        Assert.Equal(["src -> mul"], bp.GetPartition("w1").LocalEdges);
    }

    [Fact]
    public void Compile_CapturesTypeAndConfiguration()
    {
        var bp = Chain().Compile();
        var src = bp.GetNode("src");
        Assert.Equal(typeof(Counter).FullName, src.TypeName);
        Assert.Equal("Chimera.Nodes", src.AssemblyName);
        Assert.Contains("\"Count\":10", src.Configuration);
        Assert.Contains("\"Start\":5", src.Configuration);
        var rebuilt = (Counter)NodeConfiguration.Create(typeof(Counter), src.Configuration, "src");
        Assert.Equal((10L, 5L), (rebuilt.Count!.Value, rebuilt.Start));
        Assert.Null(src.Trigger);
        Assert.Equal(TriggerMode.Latest, bp.GetNode("mul").Trigger);
        Assert.Equal("src", bp.GetNode("mul").FollowedInput);
    }

    [Fact]
    public void Json_RoundTrip_IsExact()
    {
        var bp = Chain().Compile(Map(("w1", ["src", "mul"]), ("w2", ["sink"])));
        var json = bp.ToJson();
        var back = Chimera.Blueprint.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(bp.Id, back.Id);
        Assert.Equal(SupervisionStrategy.Resume, back.GetNode("mul").Supervision);
        Assert.Equal(OverflowPolicy.DropOldest, back.GetEdge("mul -> sink").Overflow);
        Assert.Contains("\"Overflow\": \"DropOldest\"", json);
    }

    [Fact]
    public void Compile_UnknownNodeInMapping_IsRejected()
    {
        var ex = Assert.Throws<GraphValidationException>(() => Chain().Compile(Map(("w1", ["src", "mul", "sink", "ghost"]))));
        Assert.Contains(ex.Errors, e => e == "Worker 'w1' is mapped node 'ghost', which is not in graph 'chain'.");
    }

    [Fact]
    public void Compile_NodeMappedTwice_IsRejected()
    {
        var ex = Assert.Throws<GraphValidationException>(() => Chain().Compile(Map(("w1", ["src", "mul", "sink"]), ("w2", ["sink"]))));
        Assert.Contains(ex.Errors, e => e == "Node 'sink' is mapped to worker 'w1' and to worker 'w2'; map each node once.");
    }

    [Fact]
    public void Compile_NodeNotMapped_IsRejected()
    {
        var ex = Assert.Throws<GraphValidationException>(() => Chain().Compile(Map(("w1", ["src", "mul"]))));
        Assert.Contains(ex.Errors, e => e == "Node 'sink' is not mapped to any worker.");
    }

    [Fact]
    public void Compile_EmptyWorker_IsRejected()
    {
        var ex = Assert.Throws<GraphValidationException>(() => Chain().Compile(Map(("w1", ["src", "mul", "sink"]), ("idle", []))));
        Assert.Contains(ex.Errors, e => e.StartsWith("Worker 'idle' is mapped no nodes"));
        Assert.StartsWith("The worker mapping is invalid:", ex.Message);
    }

    [Fact]
    public void Compile_NodeWithoutParameterlessConstructor_IsRejectedByName()
    {
        var g = new Chimera.Graph().AddNode("odd", new NoDefaultConstructor(3));
        var ex = Assert.Throws<GraphValidationException>(() => g.Compile());
        Assert.Contains(ex.Errors, e => e.Contains("Node 'odd'") && e.Contains("public parameterless constructor"));
    }
}
