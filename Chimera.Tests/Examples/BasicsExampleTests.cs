using Chimera.Examples.Basics;

namespace Chimera.Tests.Examples;

/// <summary>The Basics examples print through one shared writer, so they run one at a time.</summary>
[Collection("example-output")]
public class BasicsExampleTests
{
    private static List<string> PrintedLines(StringWriter output) =>
        [.. output.ToString().Split('\n').Where(l => l.StartsWith("[", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r'))];

    [Fact]
    public async Task Basics_PrintsSixFromTheOtherWorker()
    {
        var output = new StringWriter();
        var report = await BasicsExample.RunAsync(output, count: 3);

        var lines = PrintedLines(output);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains("[worker-2/print] received 6 from consume", l));
        Assert.True(report.Edge("consume", "print").IsRemote);
        Assert.Equal(3, report.Edge("consume", "print").Received);
    }

    [Fact]
    public async Task Random_PrintsTheSeededSequenceOnTheOtherWorker()
    {
        var output = new StringWriter();
        var report = await RandomExample.RunAsync(output, count: 4);

        var random = new Random(42);
        var expected = Enumerable.Range(0, 4).Select(_ => $"[worker-2/print] received {random.Next(100)} from random");
        Assert.Equal(expected, PrintedLines(output));
        Assert.Equal(4, report.Edge("random", "print").Received);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Video_StreamsFramesFromOneWorkerToTheOther()
    {
        // Without a display the example falls back to the test pattern, which is what CI has.
        var output = new StringWriter();
        var report = await VideoExample.RunAsync(output, TimeSpan.FromSeconds(1));

        var frames = PrintedLines(output);
        Assert.NotEmpty(frames);
        Assert.All(frames, l => Assert.StartsWith("[worker-2/show] frame ", l, StringComparison.Ordinal));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            Assert.Contains("No display: streaming a test pattern", output.ToString(), StringComparison.Ordinal);
            Assert.All(frames, l => Assert.Contains("320x240 Rgb24", l, StringComparison.Ordinal));
        }

        var edge = report.Edge("video", "show");
        Assert.True(edge.IsRemote);
        Assert.Equal(edge.Sent, edge.Received + edge.Dropped);
        Assert.Equal(report.Node("show").Steps, frames.Count);
    }
}
