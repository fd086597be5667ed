using System.Globalization;
using System.Text;

namespace Chimera.Nodes;

/// <summary>
/// A sink that writes each input chunk as one CSV row (<c>Name.csv</c>, under the node's folder of the run's log
/// directory): a timestamp column, then one column per record (<c>upstream.record</c> when several inputs), header once.
/// Writes while the cluster records, or always when <see cref="Always"/> is set.
/// </summary>
public sealed class TabularRecorder : Node
{
    private StreamWriter? _writer;
    private string[]? _columns;

    /// <summary>The file name without extension. Defaults to the node's name.</summary>
    public string? FileName { get; set; }

    /// <summary>Write rows in preview too, not only while recording. Defaults to true, so <c>chimera run</c> without <c>--record</c> still keeps the data.</summary>
    public bool Always { get; set; } = true;

    /// <summary>The path of the CSV file once set up, or <see langword="null"/> when the run has no log directory.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? FilePath { get; private set; }

    /// <inheritdoc />
    protected override void Setup()
    {
        var dir = Context.OutputDirectory
            ?? throw new InvalidOperationException($"TabularRecorder '{Name}' needs a log directory: give the manager a LogDirectory (chimera run --logdir DIR).");
        FilePath = Path.Combine(dir, (FileName ?? Name) + ".csv");
        _writer = new StreamWriter(FilePath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        if (!Always && !Context.IsRecording)
        {
            return null;
        }

        var multi = inputs.Count > 1;
        var cells = new List<(string Column, object? Value)>();
        foreach (var upstream in inputs.Names)
        {
            foreach (var record in inputs[upstream].Records.Values)
            {
                if (record.Value is IReadOnlyDictionary<string, object?> row)
                {
                    cells.AddRange(row.Select(p => (multi ? $"{upstream}.{p.Key}" : p.Key, p.Value)));
                }
                else
                {
                    cells.Add((multi ? $"{upstream}.{record.Name}" : record.Name, record.Value));
                }
            }
        }

        if (_columns is null)
        {
            _columns = [.. cells.Select(c => c.Column)];
            _writer!.WriteLine(string.Join(',', new[] { "timestamp" }.Concat(_columns).Select(Escape)));
        }

        var values = _columns.Select(column => cells.FirstOrDefault(c => c.Column == column).Value);
        _writer!.WriteLine(string.Join(',', new[] { Context.Now.ToString("O", CultureInfo.InvariantCulture) }.Concat(values.Select(Format)).Select(Escape)));
        return null;
    }

    /// <inheritdoc />
    protected override void Teardown()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
