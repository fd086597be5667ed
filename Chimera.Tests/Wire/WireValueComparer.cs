using System.Collections;

namespace Chimera.Tests.Wire;

/// <summary>Deep equality for decoded values: arrays element-wise, rows column-by-column in order, NaN equal to NaN.</summary>
internal static class WireValueComparer
{
    public static bool ValueEquals(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (expected is IReadOnlyDictionary<string, object?> row)
        {
            return actual is Dictionary<string, object?> decoded
                && row.Keys.SequenceEqual(decoded.Keys)
                && row.All(cell => ValueEquals(cell.Value, decoded[cell.Key]));
        }

        if (expected is Array array)
        {
            return actual.GetType() == expected.GetType() && StructuralComparisons.StructuralEqualityComparer.Equals(array, actual);
        }

        if (expected is IList list)
        {
            return actual is IList other && actual.GetType() == expected.GetType() && list.Count == other.Count
                && Enumerable.Range(0, list.Count).All(i => ValueEquals(list[i], other[i]));
        }

        return actual.GetType() == expected.GetType() && expected.Equals(actual);
    }

    public static bool ChunkEquals(DataChunk expected, DataChunk actual) =>
        expected.Created == actual.Created
        && expected.Count == actual.Count
        && expected.Records.Values.All(record =>
            actual.Records.TryGetValue(record.Name, out var other)
            && record.ContentType == other.ContentType
            && record.Created == other.Created
            && OptionsEqual(record.Options, other.Options)
            && ValueEquals(record.Value, other.Value));

    private static bool OptionsEqual(IReadOnlyDictionary<string, string>? expected, IReadOnlyDictionary<string, string>? actual) =>
        (expected is null || expected.Count == 0)
            ? actual is null
            : actual is not null && expected.Count == actual.Count && expected.All(pair => actual.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
