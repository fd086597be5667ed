using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>fanout.4.throughput</c>: a <c>Counter</c> fanned out to four null sinks on one embedded worker (lossless:
/// each element goes to every sink); elements each sink receives per second, next to the same shape in raw channels.
/// </summary>
internal sealed class FanOutThroughput : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "fanout.4.throughput";

    /// <summary>The number of sinks.</summary>
    private const int Sinks = 4;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Figure(Name, "msg/s", RawChannelFanOut.Name)];

    /// <inheritdoc />
    public override string Note => "Counter → 4 NullSinks on one embedded worker (backpressure); elements per sink per second. Ideal: raw.channel.fanout4.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("fanout").AddNode("source", new Counter());
        for (var i = 0; i < Sinks; i++)
        {
            graph.AddNode($"sink{i}", new NullSink()).AddEdge("source", $"sink{i}");
        }

        var run = await EmbeddedRun.RunForAsync(graph, null, options.Window, cancellationToken).ConfigureAwait(false);
        var perSink = Enumerable.Range(0, Sinks).Average(i => run.Steps($"sink{i}"));
        return new Dictionary<string, double> { [Name] = perSink / run.Elapsed.TotalSeconds };
    }
}
