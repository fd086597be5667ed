using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chimera.Configuration.Hocon.Json;

/// <summary>
/// Writes resolved values as JSON. Compact output keeps numbers exactly as written in the source; indented output
/// writes them as JSON numbers (a raw value would break the writer's indentation), exactly where JSON can hold them.
/// </summary>
internal static class HoconJsonWriter
{
    /// <summary>What a redacted value is replaced with.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Serializes a value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent for people rather than machines.</param>
    /// <param name="isSecret">Object keys whose non-null values are written as <see cref="Redacted"/>; null redacts nothing.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(HoconValue value, bool indented, Func<string, bool>? isSecret = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value, indented, isSecret);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one value.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether numbers are written as values rather than raw text.</param>
    /// <param name="isSecret">Keys to redact, or null.</param>
    private static void Write(Utf8JsonWriter writer, HoconValue value, bool indented, Func<string, bool>? isSecret)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj)
                {
                    writer.WritePropertyName(key);
                    if (isSecret is not null && isSecret(key) && child.Type != HoconValueType.Null)
                    {
                        writer.WriteStringValue(Redacted);
                    }
                    else
                    {
                        Write(writer, child, indented, isSecret);
                    }
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                {
                    Write(writer, element, indented, isSecret);
                }

                writer.WriteEndArray();
                break;
            case HoconScalar { Type: HoconValueType.Number } number when indented:
                WriteNumber(writer, number.Text);
                break;
            case HoconScalar { Type: HoconValueType.Number } number:
                writer.WriteRawValue(number.Text);
                break;
            case HoconScalar { Type: HoconValueType.Boolean } boolean:
                writer.WriteBooleanValue(boolean.Text == "true");
                break;
            case HoconScalar { Type: HoconValueType.Null }:
                writer.WriteNullValue();
                break;
            case HoconScalar scalar:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }

    /// <summary>Writes a number as a JSON value, exactly where JSON can hold it, else as the text written.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="text">The number as written in the source.</param>
    private static void WriteNumber(Utf8JsonWriter writer, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && !text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteNumberValue(exact);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            writer.WriteNumberValue(real);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
