using Chimera.Examples.Basics;
using Chimera.Examples.CtapipeFlow;
using Chimera.Examples.DistributedJob;
using Chimera.Examples.Embedding;
using Chimera.Examples.LiveVideo;

namespace Chimera.Examples;

/// <summary>Picks an example by name from the command line: <c>dotnet run --project Chimera.Examples -- NAME [options]</c>.</summary>
public static class ExampleRunner
{
    /// <summary>Every example: its name, a one-line description, and how to run it with the options after the name.</summary>
    private static readonly Dictionary<string, (string Description, Func<ExampleArguments, TextWriter, CancellationToken, Task> Run)> s_examples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["basics"] = (
            "ChimeraPy Basics: gen (2) -> consume (x3 = 6) -> print, on two local workers",
            (_, o, ct) => BasicsExample.RunAsync(o, cancellationToken: ct)),
        ["basics-random"] = (
            "ChimeraPy's RandomNode: random integers on worker-1, printed on worker-2",
            (_, o, ct) => RandomExample.RunAsync(o, cancellationToken: ct)),
        ["basics-video"] = (
            "Screen capture (test pattern where there is no display) streamed to a display node on another worker [--seconds S]",
            (a, o, ct) => VideoExample.RunAsync(o, Seconds(a), ct)),
        ["ctapipe-flow"] = (
            "ctapipe flow in code: producer -> shunt (routes by type) -> square (x2 parallel) / upper -> consumer writing a file",
            (_, o, ct) => CtapipeFlowExample.RunAsync(o, fromHocon: false, cancellationToken: ct)),
        ["ctapipe-flow-hocon"] = (
            "the same flow read from hocon/pipelines/ctapipe-flow.conf",
            (_, o, ct) => CtapipeFlowExample.RunAsync(o, fromHocon: true, cancellationToken: ct)),
        ["distributed-job"] = (
            "PyE2 job: pick N live workers by heartbeat, prime search on each, gather via taps, stop [--workers N] [--seconds S] [--manager URL]",
            (a, o, ct) => DistributedJobExample.RunAsync(o, JobSettings(a), ct)),
        ["live-video"] = (
            "test pattern (or --camera DEV) -> grayscale -> recorder on three workers; preview, record, stop, collect [--seconds S] [--manager URL]",
            (a, o, ct) => LiveVideoExample.RunAsync(o, VideoSettings(a), ct)),
        ["embedding"] = (
            "a manager embedded in an ASP.NET Core minimal API; a worker joins it and a run goes through the service's API [--url URL] [--serve]",
            (a, o, ct) => EmbeddingExample.RunAsync(o, a.String("--url") ?? "http://127.0.0.1:0", a.Has("--serve"), ct)),
    };

    /// <summary>Runs the example named in <paramref name="args"/> (default <c>basics</c>); returns the process exit code.</summary>
    /// <param name="args">The example's name, then its options.</param>
    /// <param name="output">Where the example prints.</param>
    /// <returns>0 when the example ran, 1 when it failed, 2 for an unknown example or a bad option, 130 when cancelled.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var name = args.Length > 0 ? args[0] : "basics";
        if (!s_examples.TryGetValue(name, out var example))
        {
            await output.WriteLineAsync($"Unknown example '{name}'. Examples:").ConfigureAwait(false);
            foreach (var (key, value) in s_examples)
            {
                await output.WriteLineAsync($"  {key,-20} {value.Description}").ConfigureAwait(false);
            }

            return 2;
        }

        using var cts = new CancellationTokenSource();

        // Ctrl-C cancels the example, which then stops its run and releases workers and ports on the way out.
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cts.Cancel();
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        await output.WriteLineAsync($"Running example '{name}': {example.Description}").ConfigureAwait(false);
        try
        {
            await example.Run(new ExampleArguments(args[1..]), output, cts.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is RunFailedException or CommitFailedException or GraphValidationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException ex)
        {
            // A bad option (--seconds abc).
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    private static TimeSpan? Seconds(ExampleArguments args) => args.Number("--seconds") is { } s ? TimeSpan.FromSeconds(s) : null;

    private static PrimeJobSettings JobSettings(ExampleArguments args)
    {
        var settings = new PrimeJobSettings { ManagerUrl = args.String("--manager") };
        settings.Workers = (int?)args.Number("--workers") ?? settings.Workers;
        settings.Duration = Seconds(args) ?? settings.Duration;
        return settings;
    }

    private static LiveVideoSettings VideoSettings(ExampleArguments args)
    {
        var settings = new LiveVideoSettings { ManagerUrl = args.String("--manager"), Camera = args.String("--camera") };
        settings.Duration = Seconds(args) ?? settings.Duration;
        return settings;
    }
}
