using System.Globalization;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>
/// The latency figures' graph: 64-byte arrays at 1 000/s from a <c>BlobSource</c> into a <c>LatencySink</c>, whose
/// samples (the first quarter of the window left out) come back through a temporary file so the sink may run in any
/// process of this machine. Shared by <c>embedded.latency</c> and <c>remote.latency</c>, which differ only in where
/// the two nodes run.
/// </summary>
internal static class LatencyGraph
{
    /// <summary>
    /// Builds the graph (nodes <c>source</c> and <c>sink</c>), lets <paramref name="runAsync"/> run it for the window,
    /// and returns the 50th and 99th percentiles in µs under <paramref name="p50"/> and <paramref name="p99"/>; with
    /// <paramref name="segments"/>, also the medians of the cross-process segments under <c>{segments}.send</c>,
    /// <c>.wire</c> and <c>.deliver</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sink received nothing.</exception>
    public static async Task<IReadOnlyDictionary<string, double>> MeasureAsync(
        string name, TimeSpan window, Func<Graph, Task> runAsync, string p50, string p99, string? segments, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chimera-latency-{Guid.NewGuid():N}.txt");
        try
        {
            var graph = new Graph(name)
                .AddNode("source", new BlobSource { Size = 64, Rate = 1000 })
                .AddNode("sink", new LatencySink { OutputFile = file, WarmUp = window / 4 })
                .AddEdge("source", "sink");
            await runAsync(graph).ConfigureAwait(false);
            var rows = (await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false))
                .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
            if (rows.Length == 0)
            {
                throw new InvalidOperationException("The latency sink received nothing.");
            }

            var totals = rows.Select(r => r[0]).ToArray();
            var result = new Dictionary<string, double>
            {
                [p50] = Statistics.Percentile(totals, 50),
                [p99] = Statistics.Percentile(totals, 99),
            };
            if (segments is not null)
            {
                var crossed = rows.Where(r => r.Length == 4).ToArray();
                if (crossed.Length == 0)
                {
                    throw new InvalidOperationException("No element reached the latency sink with its sent and received times.");
                }

                result[segments + ".send"] = Statistics.Percentile(crossed.Select(r => r[1]).ToArray(), 50);
                result[segments + ".wire"] = Statistics.Percentile(crossed.Select(r => r[2]).ToArray(), 50);
                result[segments + ".deliver"] = Statistics.Percentile(crossed.Select(r => r[3]).ToArray(), 50);
            }

            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
