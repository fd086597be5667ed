using Chimera.Pipelines;

namespace Chimera.Tests.Pipelines;

public sealed class PipelineRejectionTests : IDisposable
{
    private readonly PipelineFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void UnknownType_IsRejectedAtTheTypeWithItsName()
    {
        var e = files.Reject("""
            pipeline {
              nodes {
                gen { type = Countr }
              }
            }
            """, "numbers.conf");

        var error = Assert.Single(e.Errors);
        Assert.Equal(Path.Combine(files.Directory, "numbers.conf"), error.Origin.File);
        Assert.Equal(3, error.Origin.Line);
        Assert.Equal("Countr", error.Name);
        Assert.StartsWith("node 'gen' has type 'Countr', which is neither a built-in node (", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{error.Origin.File}:3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameter_ListsTheNodesParameters()
    {
        var e = files.Reject("""
            pipeline {
              name = numbers
              nodes {
                gen  { type = Counter, params { cuont = 1000 } }
              }
            }
            """, "numbers.conf");

        var error = Assert.Single(e.Errors);
        Assert.Equal((4, 45), (error.Origin.Line, error.Origin.Column));
        Assert.Equal("cuont", error.Name);
        Assert.Equal("node 'gen' (Counter) has no parameter 'cuont'; its parameters are: start, count, rate.", error.Message);
        Assert.Equal($"{files.Directory}{Path.DirectorySeparatorChar}numbers.conf:4:45: {error.Message}", e.Message);
    }

    [Fact]
    public void WrongParameterType_SaysWhatItExpectsAndWhatItGot()
    {
        var e = files.Reject("""
            pipeline.nodes {
              gen { type = Counter, params { count = many } }
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal(2, error.Origin.Line);
        Assert.Equal("count", error.Name);
        Assert.Equal("parameter 'count' of node 'gen' expects an integer (Int64?), got \"many\".", error.Message);
    }

    [Fact]
    public void BadChimeraEdgeSection_IsRejectedAtItsKey()
    {
        var e = files.Reject("""
            chimera.edge {
              capacty = 8
            }
            pipeline.nodes { gen { type = Counter } }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal((2, "chimera.edge"), (error.Origin.Line, error.Name));
        Assert.Contains("chimera.edge.capacty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("capacity-bytes = 0", "capacity-bytes", "edge 'gen -> keep' has capacity-bytes = 0; it must be at least 1.")]
    [InlineData("capacity-bytes = lots", "capacity-bytes", null)]
    public void BadEdgeByteCapacity_IsRejectedAtTheKey(string option, string name, string? message)
    {
        var e = files.Reject($$"""
            pipeline {
              nodes {
                gen { type = Counter }
                keep { type = Identity }
              }
              edges = [ { from = gen, to = keep, {{option}} } ]
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal((6, name), (error.Origin.Line, error.Name));
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    [Theory]
    [InlineData("rate = [1]", "parameter 'rate' of node 'gen' expects a number (Double?), got a list.")]
    [InlineData("start = 1.5", "parameter 'start' of node 'gen' expects an integer (Int64), got 1.5.")]
    [InlineData("count = { a = 1 }", "parameter 'count' of node 'gen' expects an integer (Int64?), got an object.")]
    public void WrongParameterType_CoversNumbersListsAndObjects(string parameter, string message)
    {
        var e = files.Reject($"pipeline.nodes.gen {{ type = Counter, params {{ {parameter} }} }}");
        Assert.Equal(message, Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void WrongDuration_ForTimeSpanParameter_IsRejected()
    {
        var e = files.Reject("""
            pipeline.nodes.probe { type = "Chimera.Tests.Pipelines.ParameterProbeNode, Chimera.Tests", params { delay = soon } }
            """);

        Assert.Equal("parameter 'delay' of node 'probe' expects a duration such as 500ms or 2s (TimeSpan), got \"soon\".", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void EdgeToMissingNode_NamesTheEdgeTheNodeAndTheDeclaredNodes()
    {
        var e = files.Reject("""
            pipeline {
              nodes {
                gen  { type = Counter }
                keep { type = TabularRecorder }
              }
              edges = [ { from = gen, to = kep } ]
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal(6, error.Origin.Line);
        Assert.Equal("kep", error.Name);
        Assert.Equal("edge 'gen -> kep' ends at 'kep', which is not a node of the pipeline; its nodes are: gen, keep.", error.Message);
    }

    [Fact]
    public void EdgeFromMissingNode_IsRejected()
    {
        var e = files.Reject("""
            pipeline {
              nodes { keep { type = TabularRecorder } }
              edges = [ { from = source, to = keep } ]
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal((3, "source"), (error.Origin.Line, error.Name));
        Assert.Contains("starts at 'source'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_IsRejectedAtTheFirstEdgeOfTheCycle()
    {
        var e = files.Reject("""
            pipeline {
              nodes {
                src { type = Counter }
                a { type = Identity }
                b { type = Identity }
              }
              edges = [
                { from = src, to = a }
                { from = a, to = b }
                { from = b, to = a }
              ]
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal(9, error.Origin.Line);
        Assert.Equal("a -> b", error.Name);
        Assert.Equal("The graph has a cycle: a -> b -> a; a graph must be acyclic.", error.Message);
    }

    [Fact]
    public void SelfLoop_IsRejectedAtTheEdge()
    {
        var e = files.Reject("""
            pipeline {
              nodes { a { type = Identity } }
              edges = [ { from = a, to = a } ]
            }
            """);

        Assert.Contains(e.Errors, x => x.Origin.Line == 3 && x.Name == "a -> a" && x.Message.Contains("self-loop", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gen { type = Identity, trigger = newest }", 2, "newest", "node 'gen' has trigger 'newest', which is not allowed; use one of: latest, zip, each.")]
    [InlineData("gen { type = Identity, supervision = retry }", 2, "retry", "node 'gen' has supervision 'retry', which is not allowed; use one of: stop, resume, restart.")]
    public void BadNodeEnum_ListsTheAllowedValues(string node, int line, string name, string message)
    {
        var e = files.Reject($"pipeline.nodes {{\n  {node}\n}}");

        var error = Assert.Single(e.Errors);
        Assert.Equal((line, name, message), (error.Origin.Line, error.Name, error.Message));
    }

    [Fact]
    public void BadOverflow_ListsTheAllowedValues()
    {
        var e = files.Reject("""
            pipeline {
              nodes { a { type = Counter }, b { type = Identity } }
              edges = [ { from = a, to = b, overflow = sometimes } ]
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal((3, "sometimes"), (error.Origin.Line, error.Name));
        Assert.Equal("edge 'a -> b' has overflow 'sometimes', which is not allowed; use one of: backpressure, drop-oldest, latest.", error.Message);
    }

    [Fact]
    public void MissingAssemblyFile_IsRejectedWithTheFullPath()
    {
        var e = files.Reject("""
            pipeline {
              assemblies = ["lib/MyNodes.dll"]
              nodes { a { type = Counter } }
            }
            """);

        var error = Assert.Single(e.Errors);
        Assert.Equal((2, "lib/MyNodes.dll"), (error.Origin.Line, error.Name));
        Assert.Equal($"assembly 'lib/MyNodes.dll' does not exist (looked at {Path.Combine(files.Directory, "lib", "MyNodes.dll")}); paths are relative to the pipeline file.", error.Message);
    }

    [Fact]
    public void MissingAssemblyFile_DoesNotAlsoReportItsTypesAsUnknown()
    {
        var e = files.Reject("""
            pipeline {
              assemblies = ["lib/MyNodes.dll"]
              nodes { a { type = "My.Nodes.Scale, MyNodes" } }
            }
            """);

        Assert.Equal("lib/MyNodes.dll", Assert.Single(e.Errors).Name);
    }

    [Fact]
    public void NotAnAssembly_IsRejected()
    {
        files.Write("not a dll", "Broken.dll");
        var e = files.Reject("""
            pipeline {
              assemblies = [Broken.dll]
              nodes { a { type = Counter } }
            }
            """);

        Assert.StartsWith("assembly 'Broken.dll' cannot be loaded: ", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeThatIsNotANode_IsRejected()
    {
        var e = files.Reject("pipeline.nodes.x { type = \"Chimera.Tests.Pipelines.NotANode, Chimera.Tests\" }");
        Assert.Equal("node 'x' has type 'Chimera.Tests.Pipelines.NotANode, Chimera.Tests', which does not derive from Chimera.Node.", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void MisspelledNodeKey_IsRejected()
    {
        var e = files.Reject("pipeline.nodes.gen { type = Counter, parms { count = 1 } }");
        var error = Assert.Single(e.Errors);
        Assert.Equal("parms", error.Name);
        Assert.Equal("node 'gen' has no setting 'parms'; its settings are: type, params, parallelism, trigger, supervision, max-restarts, restart-backoff.", error.Message);
    }

    [Fact]
    public void MissingPipelineSection_IsRejected()
    {
        var e = files.Reject("nodes { a { type = Counter } }");
        Assert.Equal(("pipeline", 1), (e.Name, e.Line));
    }

    [Fact]
    public void HoconSyntaxError_IsReportedAsPipelineError()
    {
        var e = files.Reject("pipeline {\n  nodes { a { type = Counter }\n");
        Assert.Equal(Path.Combine(files.Directory, "p.conf"), e.File);
        Assert.True(e.Line >= 2);
    }

    [Fact]
    public void Mapping_UnknownAndUnmappedNodes_AreRejected()
    {
        var e = files.Reject("""
            pipeline {
              nodes { gen { type = Counter }, keep { type = TabularRecorder } }
              edges = [ { from = gen, to = keep } ]
              workers { left = [gen, ghost] }
            }
            """);

        Assert.Contains(e.Errors, x => x.Name == "ghost" && x.Origin.Line == 4 && x.Message == "worker 'left' is mapped node 'ghost', which is not a node of the pipeline; its nodes are: gen, keep.");
        Assert.Contains(e.Errors, x => x.Name == "keep" && x.Message == "node 'keep' is not mapped to any worker; add it to one of pipeline.workers.");
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_InFileOrder()
    {
        var e = files.Reject("""
            pipeline {
              nodes {
                gen  { type = Counter, params { cuont = 1000 } }
                x    { type = Nope }
              }
              edges = [ { from = gen, to = kep } ]
            }
            """);

        Assert.Equal(["cuont", "Nope", "kep"], e.Errors.Select(x => x.Name));
        Assert.Equal([3, 4, 6], e.Errors.Select(x => x.Origin.Line));
    }
}
