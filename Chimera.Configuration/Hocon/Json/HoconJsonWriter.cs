using System.Text;
using System.Text.Json;

namespace Chimera.Configuration.Hocon.Json;

/// <summary>Writes resolved values as JSON, numbers exactly as written in the source.</summary>
internal static class HoconJsonWriter
{
    /// <summary>Serializes a value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="indented">Whether to indent for people rather than machines.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(HoconValue value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one value.</summary>
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
                    Write(writer, child);
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
}
