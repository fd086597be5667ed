using System.Text;

namespace Chimera.Benchmarks.Harness;

/// <summary>Prints results as a Markdown table (readable in a terminal, pasteable into a README).</summary>
internal static class ResultTable
{
    /// <summary>The prefix of the profiling figures, shown in their own table.</summary>
    public const string ProfilePrefix = "profile.";

    /// <summary>The figures table: one row per figure with its baseline, ratio, goal and status.</summary>
    public static string Figures(RunResults results) => Render(results, results.Figures.Where(f => !f.Metric.Name.StartsWith(ProfilePrefix, StringComparison.Ordinal)));

    /// <summary>The profiling figures (costs of single pieces of the hot path), or an empty string when none ran.</summary>
    public static string Profile(RunResults results)
    {
        var profile = results.Figures.Where(f => f.Metric.Name.StartsWith(ProfilePrefix, StringComparison.Ordinal)).ToList();
        return profile.Count == 0 ? string.Empty : Render(results, profile);
    }

    private static string Render(RunResults results, IEnumerable<MetricResult> figures)
    {
        var rows = new List<string[]> { new[] { "figure", "median", "runs", "baseline", "baseline median", "ratio", "goal", "status" } };
        foreach (var figure in figures)
        {
            var baseline = results.BaselineOf(figure);
            var ratio = results.RatioOf(figure);
            rows.Add(
            [
                figure.Metric.Name,
                figure.Median is { } m ? $"{Number.Format(m)} {figure.Metric.Unit}" : "—",
                Runs(figure),
                figure.Metric.Baseline ?? "—",
                baseline?.Median is { } b ? $"{Number.Format(b)} {baseline.Metric.Unit}" : "—",
                ratio is { } r ? Number.Ratio(r) : "—",
                figure.Metric.Goal?.Describe(figure.Metric.Unit) ?? "report",
                results.StatusOf(figure),
            ]);
        }

        return Render(rows);
    }

    /// <summary>The baselines table.</summary>
    public static string Baselines(RunResults results)
    {
        var rows = new List<string[]> { new[] { "baseline", "median", "runs" } };
        foreach (var baseline in results.Baselines)
        {
            rows.Add([baseline.Metric.Name, baseline.Median is { } m ? $"{Number.Format(m)} {baseline.Metric.Unit}" : "—", Runs(baseline)]);
        }

        return Render(rows);
    }

    /// <summary>The notes of metrics that have one, as a bullet list (metrics sharing a note share a line).</summary>
    public static string Notes(RunResults results)
    {
        var text = new StringBuilder();
        foreach (var group in results.Results.Where(r => r.Note is not null).GroupBy(r => r.Note!, StringComparer.Ordinal))
        {
            text.Append("- ").AppendJoin(", ", group.Select(r => $"`{r.Metric.Name}`")).Append(": ").AppendLine(group.Key);
        }

        return text.ToString();
    }

    private static string Runs(MetricResult result) =>
        result.Runs.Count == 0 ? (result.Unavailable ? "not available" : result.Failed ? "failed" : "—") : string.Join(" / ", result.Runs.Select(Number.Format));

    private static string Render(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(rows[i][c].PadRight(widths[c])).Append(" |");
            }

            text.AppendLine();
            if (i == 0)
            {
                text.Append('|');
                foreach (var width in widths)
                {
                    text.Append(' ').Append(new string('-', width)).Append(" |");
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
