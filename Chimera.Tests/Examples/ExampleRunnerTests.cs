using Chimera.Examples;

namespace Chimera.Tests.Examples;

public class ExampleRunnerTests
{
    [Fact]
    public async Task UnknownExample_ListsEveryExample_AndReturns2()
    {
        var output = new StringWriter();

        var code = await ExampleRunner.RunAsync(["nope"], output);

        Assert.Equal(2, code);
        foreach (var name in new[] { "basics", "basics-random", "basics-video", "ctapipe-flow", "ctapipe-flow-hocon", "distributed-job", "live-video", "embedding" })
        {
            Assert.Contains($"  {name} ", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadOption_Returns2()
    {
        var code = await ExampleRunner.RunAsync(["basics-video", "--seconds", "soon"], new StringWriter());

        Assert.Equal(2, code);
    }

    [Fact]
    public void Arguments_ReadFlagsAndValues()
    {
        var args = new ExampleArguments(["--seconds", "1.5", "--serve", "--manager", "http://0.0.0.0:6000"]);

        Assert.Equal(1.5, args.Number("--seconds"));
        Assert.True(args.Has("--serve"));
        Assert.Equal("http://0.0.0.0:6000", args.String("--manager"));
        Assert.Null(args.String("--camera"));
        Assert.Equal("Option --manager needs a value.", Assert.Throws<ArgumentException>(() => new ExampleArguments(["--manager"]).String("--manager")).Message);
    }
}
