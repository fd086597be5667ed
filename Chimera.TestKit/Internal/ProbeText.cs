using System.Globalization;

namespace Chimera.TestKit.Internal;

/// <summary>Formats values, lists and durations the same way in every TestKit message.</summary>
internal static class ProbeText
{
    /// <summary>How many values a message lists before it abbreviates.</summary>
    private const int MaxListed = 10;

    /// <summary>Formats a duration briefly: "250 ms", "3 s", "1.5 s".</summary>
    public static string Duration(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? "forever"
        : duration < TimeSpan.FromSeconds(1) ? $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms"
        : $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>Formats a value as a test would write it: strings quoted, null as null.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>Formats a value with its type, for when two values print alike but differ in type.</summary>
    public static string Typed(object? value) => value is null ? "null" : $"{Value(value)} ({value.GetType().Name})";

    /// <summary>Formats a chunk by its default record when it has one, otherwise by all its records.</summary>
    public static string Chunk(DataChunk chunk) =>
        chunk.Count == 1 && chunk.Records.TryGetValue(DataChunk.DefaultRecordName, out var record) ? Value(record.Value) : chunk.ToString();

    /// <summary>Formats a list of chunks: "[6, 6]", abbreviated after ten.</summary>
    public static string Chunks(IReadOnlyList<DataChunk> chunks)
    {
        var shown = chunks.Take(MaxListed).Select(Chunk);
        var more = chunks.Count > MaxListed ? $", … {chunks.Count - MaxListed} more" : string.Empty;
        return $"[{string.Join(", ", shown)}{more}]";
    }

    /// <summary>"1 element" or "3 elements".</summary>
    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
