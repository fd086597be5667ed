using Chimera.Media;

namespace Chimera.Runtime;

/// <summary>
/// The bytes an element's values hold, as an edge's byte bound counts them: the payloads of the values that can be
/// large (byte arrays, arrays of numbers, strings, frames, audio blocks); anything else counts as nothing.
/// </summary>
internal static class ElementBytes
{
    /// <summary>The bytes of every record's value in <paramref name="chunk"/>.</summary>
    public static long Of(DataChunk chunk)
    {
        long total = 0;
        foreach (var record in chunk.RecordSpan)
        {
            total += Of(record.Value);
        }

        return total;
    }

    /// <summary>The bytes <paramref name="value"/> holds; 0 for a value of another kind.</summary>
    public static long Of(object? value) => value switch
    {
        // Numbers and other structs, the common small element, leave at the first test.
        null or ValueType => 0,
        byte[] bytes => bytes.Length,
        ImageFrame frame => frame.Length,
        AudioBlock block => (long)block.Samples.Length * sizeof(float),
        string text => (long)text.Length * sizeof(char),
        Array array when array.GetType().GetElementType() is { IsPrimitive: true } => Buffer.ByteLength(array),
        _ => 0,
    };
}
