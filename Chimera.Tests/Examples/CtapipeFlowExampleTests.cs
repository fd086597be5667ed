using System.Text.RegularExpressions;
using Chimera.Examples.CtapipeFlow;

namespace Chimera.Tests.Examples;

public class CtapipeFlowExampleTests
{
    /// <summary>The lines the consumer must write for <paramref name="count"/> items, without the instance tag.</summary>
    private static IEnumerable<string> Expected(int count) => Enumerable.Range(1, count)
        .Select(i => i % 2 == 1 ? $"square: square({i}) = {(long)i * i}" : $"upper: upper(event {i}) = EVENT {i}")
        .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Written(string path) =>
        File.ReadAllLines(path).Select(l => Regex.Replace(l, @" \[instance \d\]$", string.Empty)).Order(StringComparer.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Flow_RoutesByTypeAndWritesEveryResult(bool fromHocon)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("chimera-flow-").FullName, "out.txt");
        var output = new StringWriter();

        var report = await CtapipeFlowExample.RunAsync(output, fromHocon, count: 12, outputPath: path);

        Assert.Equal(Expected(12), Written(path));
        Assert.Equal(6, report.Edge("shunt", "square").Received);
        Assert.Equal(6, report.Edge("shunt", "upper").Received);
        Assert.Equal(12, report.Node("writer").Steps);
        Assert.Contains($"writer wrote 12 lines to {path}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HoconPipeline_DescribesTheSameGraphAsTheCode()
    {
        var fromCode = CtapipeFlowExample.BuildGraph(5, "x.txt");
        var fromFile = CtapipeFlowExample.LoadGraph(5, "x.txt");

        Assert.Equal(fromCode.Nodes.Select(n => (n.Name, n.Node.GetType(), n.Options.Parallelism, n.Options.Trigger)), fromFile.Nodes.Select(n => (n.Name, n.Node.GetType(), n.Options.Parallelism, n.Options.Trigger)));
        Assert.Equal(fromCode.Edges.Select(e => (e.From, e.To)), fromFile.Edges.Select(e => (e.From, e.To)));
        Assert.Equal(2, fromFile.Nodes.Single(n => n.Name == "square").Options.Parallelism);
        Assert.Equal("upper", ((Shunt)fromFile.Nodes.Single(n => n.Name == "shunt").Node).TextStep);
    }
}
