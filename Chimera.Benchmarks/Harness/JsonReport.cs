using System.Text.Encodings.Web;
using System.Text.Json;

namespace Chimera.Benchmarks.Harness;

/// <summary>
/// Writes results as <c>{ machine: {cores, os, runtime, ...}, figures: [{name, unit, median, runs, baseline, ratio,
/// ratios, goal, status, note}], baselines: [{name, unit, median, runs, note}] }</c>; a metric that could not be measured
/// has <c>"median": null</c> and a note saying why. <c>ratios</c> (the ratio of each round) is there only when the
/// figure's runs pair with its baseline's.
/// </summary>
internal static class JsonReport
{
    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(RunResults results, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Write(results, json);
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the whole document.</summary>
    public static void Write(RunResults results, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("machine");
        json.WriteNumber("cores", results.Machine.Cores);
        json.WriteString("os", results.Machine.Os);
        json.WriteString("runtime", results.Machine.Runtime);
        json.WriteString("cpu", results.Machine.Cpu);
        WriteNumberOrNull(json, "loadAverage", results.Machine.LoadAverage);
        json.WriteBoolean("quick", results.Quick);
        json.WriteNumber("windowSeconds", results.Window.TotalSeconds);
        json.WriteNumber("elapsedSeconds", Math.Round(results.Elapsed.TotalSeconds, 1));
        json.WriteEndObject();

        json.WriteStartArray("figures");
        foreach (var figure in results.Figures)
        {
            json.WriteStartObject();
            WriteCommon(json, figure);
            if (figure.Metric.Baseline is { } baseline)
            {
                json.WriteString("baseline", baseline);
            }
            else
            {
                json.WriteNull("baseline");
            }

            WriteNumberOrNull(json, "ratio", results.RatioOf(figure));
            if (results.PairedRatiosOf(figure) is { } ratios)
            {
                json.WriteStartArray("ratios");
                foreach (var ratio in ratios)
                {
                    json.WriteNumberValue(Round(ratio));
                }

                json.WriteEndArray();
            }

            if (figure.Metric.Goal is { } goal)
            {
                json.WriteString("goal", goal.Describe(figure.Metric.Unit));
            }
            else
            {
                json.WriteNull("goal");
            }

            json.WriteString("status", results.StatusOf(figure));
            WriteNote(json, figure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("baselines");
        foreach (var baseline in results.Baselines)
        {
            json.WriteStartObject();
            WriteCommon(json, baseline);
            WriteNote(json, baseline);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter json, MetricResult result)
    {
        json.WriteString("name", result.Metric.Name);
        json.WriteString("unit", result.Metric.Unit);
        WriteNumberOrNull(json, "median", result.Median);
        json.WriteStartArray("runs");
        foreach (var run in result.Runs)
        {
            json.WriteNumberValue(Round(run));
        }

        json.WriteEndArray();
    }

    /// <summary>Keeps four significant digits: the measurements are not more precise than that.</summary>
    private static double Round(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var digits = 3 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return digits >= 0 ? Math.Round(value, Math.Min(digits, 15)) : Math.Round(value / Math.Pow(10, -digits)) * Math.Pow(10, -digits);
    }

    private static void WriteNote(Utf8JsonWriter json, MetricResult result)
    {
        if (result.Note is { } note)
        {
            json.WriteString("note", note);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Round(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
