using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// <c>parallel.4.throughput</c>: <c>Counter</c> → a step with parallelism 4 burning 50 µs of CPU per element → a null
/// sink, one embedded worker. Compared with <c>raw.parallel.4</c> (the same work on bare tasks, measured in the same
/// run); the computed ideal <c>ideal.parallel.4</c> = min(4, cores) / 50 µs, what the cores allow if the work were all
/// there is, is reported beside it.
/// </summary>
internal sealed class ParallelThroughput : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "parallel.4.throughput";

    /// <summary>The computed ideal's name.</summary>
    public const string Ideal = "ideal.parallel.4";

    /// <summary>The step's parallelism.</summary>
    private const int Parallelism = ParallelWork.Parallelism;

    /// <summary>CPU time per element.</summary>
    private const int WorkMicroseconds = ParallelWork.Microseconds;

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } =
    [
        Metric.Raw(Ideal, "msg/s"),
        Metric.Figure(Name, "msg/s", RawParallel.Name),
    ];

    /// <inheritdoc />
    public override string Note => $"Counter → SpinStep (parallelism {Parallelism}, {WorkMicroseconds} µs busy work each) → NullSink on one embedded worker; {Ideal} = min({Parallelism}, cores) / {WorkMicroseconds} µs (computed, not measured); the ratio is to raw.parallel.4, measured in the same run.";

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var graph = new Graph("parallel")
            .AddNode("source", new Counter())
            .AddNode("work", new SpinStep { WorkMicroseconds = WorkMicroseconds }, new NodeOptions { Parallelism = Parallelism })
            .AddNode("sink", new NullSink())
            .AddEdges(("source", "work"), ("work", "sink"));
        var run = await EmbeddedRun.RunForAsync(graph, null, options.Window, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, double>
        {
            [Name] = run.Rate("sink"),
            [Ideal] = Math.Min(Parallelism, Environment.ProcessorCount) * 1_000_000.0 / WorkMicroseconds,
        };
    }
}
