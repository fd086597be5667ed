using System.Text.Json;
using Chimera.Benchmarks.Harness;

namespace Chimera.Tests.Benchmarks;

/// <summary>How the benchmark harness turns a figure's runs and its baseline's into the ratio its goal is judged on.</summary>
public class RunResultsTests
{
    private static readonly MachineInfo Machine = new(2, "test", ".NET", "cpu", null);

    [Fact]
    public void RatioOf_EachRunAgainstTheBaselineRunOfItsRound_TheMedianOfThoseRatios()
    {
        // Round 2 ran while the machine was busy (both sides at a quarter of their speed), round 3 was a bad round for the
        // figure alone. The medians (3 against 8) would pair round 3's figure with round 1's baseline: 0.375.
        var (results, figure) = Results(Metric.Figure("f", "msg/s", "raw", Goal.RatioAtLeast(0.5)), [4, 1, 3], [8, 2, 12]);

        Assert.Equal([0.5, 0.5, 0.25], results.PairedRatiosOf(figure)!);
        Assert.Equal(0.5, results.RatioOf(figure));
        Assert.Equal("pass", results.StatusOf(figure));
    }

    [Fact]
    public void RatioOf_ARunThatFellWithItsBaseline_IsNotPairedWithAnotherRoundsBaseline()
    {
        // The shape of a full run on the benchmark VM: in round 1 the machine slowed both sides, in round 2 only the
        // figure. The medians (1.66 M against 6.9 M) pair round 1's slow figure with round 2's fast baseline.
        var (results, figure) = Results(Metric.Figure("f", "msg/s", "raw", Goal.RatioAtLeast(0.5)), [1.32e6, 1.66e6, 3.9e6], [1.93e6, 6.9e6, 7.0e6]);

        Assert.Equal(3.9e6 / 7.0e6, results.RatioOf(figure)!.Value, 6);
        Assert.Equal("pass", results.StatusOf(figure));
        Assert.True(results.Figures.Single().Median / results.Baselines.Single().Median < 0.5, "the ratio of the medians would have failed this figure");
    }

    [Fact]
    public void RatioOf_LowerIsBetter_DividesTheBaselineByTheFigure()
    {
        var (results, figure) = Results(Metric.Figure("lat", "µs", "raw", Goal.AtMost(100), lowerIsBetter: true), [100, 40, 60], [50, 20, 30], lowerIsBetter: true);

        Assert.Equal([0.5, 0.5, 0.5], results.PairedRatiosOf(figure)!);
        Assert.Equal(0.5, results.RatioOf(figure));
    }

    [Fact]
    public void RatioOf_RunsThatDoNotPair_FallsBackToTheMedians()
    {
        var (results, figure) = Results(Metric.Figure("f", "msg/s", "raw"), [1, 2, 3], [4, 8]);

        Assert.Null(results.PairedRatiosOf(figure));
        Assert.Equal(2.0 / 6.0, results.RatioOf(figure)!.Value, 10);
    }

    [Fact]
    public void RatioOf_ARoundWithAZero_IsLeftOut()
    {
        var (results, figure) = Results(Metric.Figure("f", "msg/s", "raw"), [0, 2, 3], [4, 4, 4]);

        Assert.Equal([0.5, 0.75], results.PairedRatiosOf(figure)!);
        Assert.Equal(0.625, results.RatioOf(figure));
    }

    [Fact]
    public void Json_AFigureThatPairs_CarriesEachRoundsRatio()
    {
        var (results, _) = Results(Metric.Figure("f", "msg/s", "raw", Goal.RatioAtLeast(0.5)), [4, 1, 3], [8, 2, 12]);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            JsonReport.Write(results, json);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        var written = document.RootElement.GetProperty("figures")[0];
        Assert.Equal(0.5, written.GetProperty("ratio").GetDouble());
        Assert.Equal([0.5, 0.5, 0.25], written.GetProperty("ratios").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal("pass", written.GetProperty("status").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("machine").GetProperty("windowSeconds").GetDouble());
    }

    private static (RunResults Results, MetricResult Figure) Results(Metric metric, double[] figureRuns, double[] baselineRuns, bool lowerIsBetter = false)
    {
        var baseline = new MetricResult(Metric.Raw(metric.Baseline!, metric.Unit, lowerIsBetter));
        baseline.Runs.AddRange(baselineRuns);
        var figure = new MetricResult(metric);
        figure.Runs.AddRange(figureRuns);
        return (new RunResults(Machine, [baseline, figure], TimeSpan.FromSeconds(1), quick: true, window: TimeSpan.FromSeconds(1)), figure);
    }
}
