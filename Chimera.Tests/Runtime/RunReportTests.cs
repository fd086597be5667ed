using Chimera.Runtime;

namespace Chimera.Tests.Runtime;

public sealed class RunReportTests
{
    [Fact]
    public void EdgeWiresJoin_TakesEachFigureFromTheEndThatMeasuresIt()
    {
        var sending = new EdgeWireReport(BytesSent: 6400, BytesReceived: 0, Writes: 10, Reads: 0, RoundTripMs: 0.25);
        var receiving = new EdgeWireReport(BytesSent: 0, BytesReceived: 6400, Writes: 0, Reads: 7, RoundTripMs: 0.5);

        Assert.Equal(new EdgeWireReport(6400, 6400, 10, 7, 0.25), EdgeWires.Join(sending, receiving));
        Assert.Equal(new EdgeWireReport(0, 6400, 0, 7, 0.5), EdgeWires.Join(null, receiving));
        Assert.Equal(new EdgeWireReport(6400, 0, 10, 0, 0.25), EdgeWires.Join(sending, null));
        Assert.Null(EdgeWires.Join(null, null));
    }

    [Fact]
    public void ToTable_AddsALinePerRemoteEdgeWithItsConnection()
    {
        var report = new RunReport(
            "run1",
            RunStatus.Completed,
            [],
            [
                new EdgeReport("a -> b", "a", "b", IsRemote: true, 100, 100, 0, 0, new EdgeWireReport(6400, 6400, 10, 7, null)),
                new EdgeReport("b -> c", "b", "c", IsRemote: false, 100, 100, 0, 0),
            ],
            []);

        var table = report.ToTable();

        Assert.Contains("wire a -> b: 6400 bytes sent in 10 writes, 6400 received in 7 reads, round trip not measured", table);
        Assert.DoesNotContain("wire b -> c", table);
    }
}
