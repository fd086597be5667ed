using System.Diagnostics;
using Chimera.Benchmarks.Children;
using Chimera.Benchmarks.Harness;

namespace Chimera.Benchmarks;

/// <summary>The entry point: runs the benchmarks, prints the tables, writes the JSON.</summary>
internal static class Program
{
    /// <summary>Runs the benchmarks (or a child role when the first argument is <c>--child</c>).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child")
        {
            return await ChildEntry.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        var catalog = Catalog.All();
        if (options.List)
        {
            foreach (var metric in catalog.SelectMany(b => b.Metrics))
            {
                Console.WriteLine($"{(metric.IsBaseline ? "baseline" : "figure  ")}  {metric.Name} ({metric.Unit})");
            }

            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var machine = MachineInfo.Current();
        Console.WriteLine($"Chimera benchmarks{(options.Quick ? " (quick)" : string.Empty)}, {options.Window.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s windows: {machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}, load {machine.LoadAverage?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        var clock = Stopwatch.StartNew();
        var results = await new BenchmarkRunner(options, Console.Out).RunAsync(catalog, cancel.Token).ConfigureAwait(false);
        var run = new RunResults(machine, results, clock.Elapsed, options.Quick, options.Window);

        Console.WriteLine();
        Console.WriteLine(ResultTable.Figures(run));
        Console.WriteLine(ResultTable.Baselines(run));
        Console.WriteLine(ResultTable.Profile(run));
        Console.WriteLine(ResultTable.Notes(run));
        Console.WriteLine($"Total: {run.Elapsed.TotalSeconds:0} s");
        if (options.JsonPath is { } path)
        {
            await JsonReport.WriteAsync(run, path, cancel.Token).ConfigureAwait(false);
            Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
        }

        return results.Any(r => r.Failed) ? 1 : 0;
    }
}
