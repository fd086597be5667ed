using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chimera.Configuration;

namespace Chimera.Host.CommandLine;

/// <summary>Writes resolved HOCON as JSON for people, with secrets redacted and numbers kept as written.</summary>
internal static class ConfigJson
{
    /// <summary>Renders a value as indented JSON.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(HoconValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes a number as written where JSON can hold it exactly (a raw value would break the writer's indentation).
    /// </summary>
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

    /// <summary>Writes one value, redacting secret keys of objects.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    private static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj)
                {
                    writer.WritePropertyName(key);
                    if (SecretRedaction.IsSecret(key) && child.Type != HoconValueType.Null)
                    {
                        writer.WriteStringValue(SecretRedaction.Redacted);
                    }
                    else
                    {
                        Write(writer, child);
                    }
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                {
                    Write(writer, element);
                }

                writer.WriteEndArray();
                break;
            case HoconScalar { Type: HoconValueType.Number } number:
                WriteNumber(writer, number.Text);
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
}
