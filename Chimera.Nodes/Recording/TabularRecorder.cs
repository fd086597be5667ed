using System.Text.Json.Serialization;

namespace Chimera.Nodes;

/// <summary>
/// A sink that writes each input chunk as one CSV row of <c>stream.csv</c> through the recording layer while the
/// cluster records: a timestamp column, then one column per record (a tabular record's columns are spread out; with
/// several inputs, columns are named <c>upstream.record</c>). The header is written once, from the first row.
/// </summary>
public sealed class TabularRecorder : Node
{
    /// <summary>The file name without extension (<c>name</c> in pipeline files), or <see langword="null"/> (the default) for the node's name.</summary>
    [JsonPropertyName("name")]
    public string? Stream { get; set; }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var multi = inputs.Count > 1;
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var upstream in inputs.Names)
        {
            foreach (var record in inputs[upstream].Records.Values)
            {
                if (record.Value is IReadOnlyDictionary<string, object?> columns)
                {
                    foreach (var (column, value) in columns)
                    {
                        row[multi ? $"{upstream}.{column}" : column] = value;
                    }
                }
                else
                {
                    row[multi ? $"{upstream}.{record.Name}" : record.Name] = record.Value;
                }
            }
        }

        await Context.SaveTabularAsync(Stream ?? Name, row, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
