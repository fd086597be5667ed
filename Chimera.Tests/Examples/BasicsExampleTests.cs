using Chimera.Examples.Basics;

namespace Chimera.Tests.Examples;

public class BasicsExampleTests
{
    [Fact]
    public async Task Basics_PrintsSixFromTheOtherWorker()
    {
        var output = new StringWriter();
        var report = await BasicsExample.RunAsync(output, count: 3);

        var lines = output.ToString().Split('\n').Where(l => l.StartsWith("[", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains("[worker-2/print] received 6 from consume", l));
        Assert.True(report.Edge("consume", "print").IsRemote);
        Assert.Equal(3, report.Edge("consume", "print").Received);
    }
}
