using Chimera.Nodes;
using Chimera.Pipelines;

namespace Chimera.Tests.Pipelines;

public sealed class PipelineLoadTests : IDisposable
{
    private const string Numbers = """
        pipeline {
          name = numbers
          assemblies = []
          nodes {
            gen  { type = Counter, params { count = 1000 } }
            keep { type = TabularRecorder, params { name = numbers } }
          }
          edges = [ { from = gen, to = keep, capacity = 64, overflow = backpressure } ]
          # workers { left = [gen], right = [keep] }
        }
        """;

    private readonly PipelineFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Load_NumbersExample_BuildsNodesWithParametersAndEdgeOptions()
    {
        var pipeline = files.Load(Numbers);

        Assert.Equal("numbers", pipeline.Name);
        Assert.Null(pipeline.Mapping);
        Assert.Empty(pipeline.Assemblies);
        Assert.Equal(["gen", "keep"], pipeline.Graph.Nodes.Select(n => n.Name));
        Assert.Equal(1000, Assert.IsType<Counter>(pipeline.Graph.Nodes[0].Node).Count);
        Assert.Equal("numbers", Assert.IsType<TabularRecorder>(pipeline.Graph.Nodes[1].Node).Stream);
        var edge = Assert.Single(pipeline.Graph.Edges);
        Assert.Equal("gen -> keep", edge.Id);
        Assert.Equal(64, edge.Options.Capacity);
        Assert.Equal(OverflowPolicy.Backpressure, edge.Options.Overflow);
    }

    [Fact]
    public void Load_RepositoryNumbersConf_IsTheIssueExample()
    {
        var pipeline = Pipeline.Load(Path.Combine(RepositoryRoot.Path, "hocon", "pipelines", "numbers.conf"));
        Assert.Equal(1000, Assert.IsType<Counter>(pipeline.Graph.Nodes[0].Node).Count);
    }

    [Fact]
    public void Load_RepositoryVideoConf_ChainsPatternGrayscaleRecorder()
    {
        var pipeline = Pipeline.Load(Path.Combine(RepositoryRoot.Path, "hocon", "pipelines", "video.conf"));
        Assert.Equal([typeof(TestPatternVideo), typeof(Grayscale), typeof(VideoRecorder)], pipeline.Graph.Nodes.Select(n => n.Node.GetType()));
        Assert.Equal("gray", Assert.IsType<VideoRecorder>(pipeline.Graph.Nodes[2].Node).Stream);
    }

    [Fact]
    public void Load_NodesKeepFileOrder_NotAlphabetical()
    {
        var pipeline = files.Load("""
            pipeline.nodes {
              zeta { type = Counter, params { count = 1 } }
              alpha { type = Identity }
              mid { type = Identity }
            }
            pipeline.edges = [ { from = zeta, to = mid }, { from = zeta, to = alpha } ]
            """);

        Assert.Equal(["zeta", "alpha", "mid"], pipeline.Graph.Nodes.Select(n => n.Name));
        Assert.Equal(["zeta -> mid", "zeta -> alpha"], pipeline.Graph.Edges.Select(e => e.Id));
        Assert.Equal("p", pipeline.Name);
    }

    [Fact]
    public void Load_NodeAndEdgeOptions_AreApplied()
    {
        var pipeline = files.Load("""
            pipeline {
              nodes {
                a { type = Counter }
                b { type = Counter }
                fuse { type = Identity, parallelism = 2, trigger = latest, supervision = restart, max-restarts = 3, restart-backoff = 250ms }
              }
              edges = [
                { from = a, to = fuse, follow = true, capacity = 8, capacity-bytes = 4MiB, overflow = drop-oldest }
                { from = b, to = fuse, overflow = latest, capacity-bytes = 1000 }
              ]
            }
            """);

        var fuse = pipeline.Graph.Nodes.Single(n => n.Name == "fuse").Options;
        Assert.Equal(2, fuse.Parallelism);
        Assert.Equal(TriggerMode.Latest, fuse.Trigger);
        Assert.Equal(SupervisionStrategy.Restart, fuse.Supervision);
        Assert.Equal(3, fuse.MaxRestarts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), fuse.RestartBackoff);
        Assert.True(pipeline.Graph.Edges[0].Options.Follow);
        Assert.Equal(8, pipeline.Graph.Edges[0].Options.Capacity);
        Assert.Equal(OverflowPolicy.DropOldest, pipeline.Graph.Edges[0].Options.Overflow);
        Assert.Equal(OverflowPolicy.Latest, pipeline.Graph.Edges[1].Options.Overflow);
        Assert.Equal((4L << 20, 1000L), (pipeline.Graph.Edges[0].Options.CapacityBytes, pipeline.Graph.Edges[1].Options.CapacityBytes));
    }

    [Fact]
    public void Load_ChimeraEdgeSection_IsWhatEveryEdgeHasUnlessItSaysOtherwise()
    {
        var pipeline = files.Load("""
            chimera.edge { capacity = 8, capacity-bytes = 1MiB, overflow = drop-oldest }
            pipeline {
              nodes {
                a { type = Counter }
                b { type = Identity }
                c { type = Identity }
              }
              edges = [
                { from = a, to = b }
                { from = b, to = c, capacity = 2, overflow = backpressure }
              ]
            }
            """);

        var (plain, own) = (pipeline.Graph.Edges[0].Options, pipeline.Graph.Edges[1].Options);
        Assert.Equal((8, 1L << 20, OverflowPolicy.DropOldest), (plain.Capacity, plain.CapacityBytes, plain.Overflow));
        Assert.Equal((2, 1L << 20, OverflowPolicy.Backpressure), (own.Capacity, own.CapacityBytes, own.Overflow));
    }

    [Fact]
    public void Load_Workers_BecomeTheMapping()
    {
        var pipeline = files.Load(Numbers.Replace("# workers", "workers", StringComparison.Ordinal));

        Assert.NotNull(pipeline.Mapping);
        Assert.Equal(["gen"], pipeline.Mapping!["left"]);
        Assert.Equal(["keep"], pipeline.Mapping["right"]);
    }

    [Fact]
    public void Load_ParameterKinds_BindWithHoconConversions()
    {
        var pipeline = files.Load("""
            pipeline.nodes.probe {
              type = "Chimera.Tests.Pipelines.ParameterProbeNode, Chimera.Tests"
              params { delay = 1.5s, timeout = 250, policy = drop-oldest, enabled = yes, gain = "2.5", label = 42, values = [1, 2, 3] }
            }
            """);

        var probe = Assert.IsType<ParameterProbeNode>(pipeline.Graph.Nodes[0].Node);
        Assert.Equal(TimeSpan.FromSeconds(1.5), probe.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(250), probe.Timeout);
        Assert.Equal(OverflowPolicy.DropOldest, probe.Policy);
        Assert.True(probe.Enabled);
        Assert.Equal(2.5, probe.Gain);
        Assert.Equal("42", probe.Label);
        Assert.Equal([1, 2, 3], probe.Values);
        Assert.Equal("probe", probe.Name);
    }

    [Fact]
    public void Load_FullTypeName_FindsChimeraTypesWithoutAssembly()
    {
        var pipeline = files.Load("pipeline.nodes.gen { type = Chimera.Nodes.Counter, params { start = 5 } }");
        Assert.Equal(5, Assert.IsType<Counter>(pipeline.Graph.Nodes[0].Node).Start);
    }

    [Fact]
    public void Load_UserAssembly_LoadsItRelativeToThePipelineFile()
    {
        var dll = typeof(Chimera.Examples.Basics.GenNode).Assembly.Location;
        File.Copy(dll, Path.Combine(files.Directory, "Nodes.dll"));
        var pipeline = files.Load("""
            pipeline {
              assemblies = ["Nodes.dll"]
              nodes { gen { type = "Chimera.Examples.Basics.GenNode, Chimera.Examples", params { count = 3, value = 7 } } }
            }
            """);

        var assembly = Assert.Single(pipeline.Assemblies);
        Assert.Equal("Chimera.Examples", assembly.GetName().Name);
        var gen = Assert.IsType<Chimera.Examples.Basics.GenNode>(pipeline.Graph.Nodes[0].Node);
        Assert.Equal(7, gen.Value);
    }

    [Fact]
    public void Load_SubstitutionsAndEnvironmentFallbacks_Apply()
    {
        var path = files.Write("""
            total = 10
            total = ${?CHIMERA_TEST_TOTAL}
            pipeline.nodes.gen { type = Counter, params { count = ${total} } }
            """);

        var pipeline = Pipeline.Load(path, new Chimera.Configuration.HoconConfigOptions { EnvironmentVariables = n => n == "CHIMERA_TEST_TOTAL" ? "25" : null });

        Assert.Equal(25, Assert.IsType<Counter>(pipeline.Graph.Nodes[0].Node).Count);
    }
}
