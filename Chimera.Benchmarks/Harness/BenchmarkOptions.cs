namespace Chimera.Benchmarks.Harness;

/// <summary>
/// The command line: <c>[--quick] [--window SECONDS] [--json FILE] [--only NAME...] [--list]</c>. <c>--only</c> takes one or more names
/// up to the next option; a name selects every metric equal to it or starting with it followed by a dot
/// (<c>remote</c> selects <c>remote.small.throughput</c>); the baselines of selected figures always run.
/// </summary>
internal sealed class BenchmarkOptions
{
    /// <summary>Short runs: 3 repeats, 1 s measurement windows, 30 s for the memory figure; finishes in under 3 minutes on 2 cores.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to write the JSON results, or null.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The names given to <c>--only</c>; empty runs everything.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Lists the metrics and exits.</summary>
    public bool List { get; init; }

    /// <summary>
    /// The window given to <c>--window</c>, or <see langword="null"/>: long windows let a profiler or a per-thread
    /// sampler attach to one measured run instead of catching the gaps between runs.
    /// </summary>
    public TimeSpan? WindowOverride { get; init; }

    /// <summary>The measurement window of throughput runs: <c>--window</c> when given, else 1 s in quick mode and 3 s otherwise.</summary>
    public TimeSpan Window => WindowOverride ?? (Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3));

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a usage line on anything unknown.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var list = false;
        string? json = null;
        TimeSpan? window = null;
        var only = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--list":
                    list = true;
                    break;
                case "--json":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException("--json needs a file name. " + Usage);
                    }

                    json = args[++i];
                    break;
                case "--window":
                    if (i + 1 >= args.Count
                        || !double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                        || !(seconds is >= 0.1 and <= 3600))
                    {
                        throw new ArgumentException("--window needs a number of seconds from 0.1 to 3600. " + Usage);
                    }

                    i++;
                    window = TimeSpan.FromSeconds(seconds);
                    break;
                case "--only":
                    var start = only.Count;
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        only.Add(args[++i]);
                    }

                    if (only.Count == start)
                    {
                        throw new ArgumentException("--only needs at least one name. " + Usage);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. " + Usage);
            }
        }

        return new BenchmarkOptions { Quick = quick, List = list, JsonPath = json, Only = only, WindowOverride = window };
    }

    /// <summary>Whether <paramref name="metric"/> is selected by <c>--only</c>.</summary>
    public bool Selects(string metric) =>
        Only.Count == 0 || Only.Any(n => metric == n || metric.StartsWith(n + ".", StringComparison.Ordinal));

    /// <summary>The usage line.</summary>
    public const string Usage = "Usage: dotnet run -c Release --project Chimera.Benchmarks -- [--quick] [--window SECONDS] [--json FILE] [--only NAME...] [--list]";
}
