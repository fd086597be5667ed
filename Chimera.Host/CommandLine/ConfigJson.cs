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
