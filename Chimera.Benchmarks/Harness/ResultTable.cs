using System.Text;

namespace Chimera.Benchmarks.Harness;

/// <summary>Prints results as a Markdown table (readable in a terminal, pasteable into a README).</summary>
internal static class ResultTable
{
    /// <summary>The figures table: one row per figure with its baseline, ratio, goal and status.</summary>
    public static string Figures(RunResults results)
    {
        var rows = new List<string[]> { new[] { "figure", "median", "runs", "baseline", "baseline median", "ratio", "goal", "status" } };
        foreach (var figure in results.Figures)
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

    /// <summary>The notes of metrics that have one, as a bullet list.</summary>
    public static string Notes(RunResults results)
    {
        var text = new StringBuilder();
        foreach (var result in results.Results.Where(r => r.Note is not null))
        {
            text.Append("- `").Append(result.Metric.Name).Append("`: ").AppendLine(result.Note);
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
