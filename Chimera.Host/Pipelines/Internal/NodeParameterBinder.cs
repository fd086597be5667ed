using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chimera.Configuration;
using Chimera.Configuration.Hocon.Json;
using Chimera.Configuration.Hocon.Reading;

namespace Chimera.Pipelines.Internal;

/// <summary>
/// Builds a node from its <c>params</c> object. The parameters become the node's configuration JSON (what travels to
/// workers), but each is checked on its own first, so an error names the parameter and its line rather than a JSON path.
/// </summary>
internal static class NodeParameterBinder
{
    /// <summary>Creates the node, adding an error per problem.</summary>
    /// <param name="nodeName">The node's name in the pipeline.</param>
    /// <param name="type">The node type.</param>
    /// <param name="typeLabel">The type as written in the file, for messages.</param>
    /// <param name="parameters">The <c>params</c> object, or <see langword="null"/> when there is none.</param>
    /// <param name="typeOrigin">Where the type is named, for errors that are not about one parameter.</param>
    /// <param name="errors">Where problems go.</param>
    /// <returns>The node, or <see langword="null"/> when any parameter is wrong.</returns>
    public static Node? Bind(string nodeName, Type type, string typeLabel, HoconObject? parameters, HoconOrigin typeOrigin, List<PipelineError> errors)
    {
        var properties = ParameterKinds.ParametersOf(type);
        var json = new JsonObject();
        var failed = false;
        foreach (var (key, value) in parameters ?? Enumerable.Empty<KeyValuePair<string, HoconValue>>())
        {
            var property = ParameterKinds.Find(properties, key);
            if (property is null)
            {
                var known = properties.Count == 0 ? "it has none" : "its parameters are: " + string.Join(", ", properties.Select(ParameterKinds.NameOf));
                errors.Add(new PipelineError(value.Origin, key, PipelineMessages.UnknownParameter(nodeName, typeLabel, key, known)));
                failed = true;
                continue;
            }

            var text = ToJson(property, value, $"pipeline.nodes.{nodeName}.params.{key}");
            if (text is null || !Fits(text, property.PropertyType))
            {
                errors.Add(new PipelineError(value.Origin, key, PipelineMessages.WrongParameterType(key, nodeName, ParameterKinds.Describe(property.PropertyType), ParameterKinds.Show(value))));
                failed = true;
                continue;
            }

            json[ParameterKinds.NameOf(property)] = JsonNode.Parse(text);
        }

        if (failed)
        {
            return null;
        }

        try
        {
            return NodeConfiguration.Create(type, json.ToJsonString(), nodeName);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(new PipelineError(typeOrigin, nodeName, PipelineMessages.NodeNotCreated(nodeName, typeLabel, ex.Message)));
            return null;
        }
    }

    /// <summary>
    /// Converts a HOCON value to the JSON its property expects, applying HOCON's own conversions: durations for
    /// <see cref="TimeSpan"/>, numeric and boolean strings, kebab-case enum names, numbers as strings.
    /// </summary>
    /// <param name="property">The property.</param>
    /// <param name="value">The value.</param>
    /// <param name="path">The value's path, for HOCON's readers.</param>
    /// <returns>The JSON text, or <see langword="null"/> when the value cannot be converted.</returns>
    private static string? ToJson(PropertyInfo property, HoconValue value, string path)
    {
        var type = property.PropertyType;
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (value is not HoconScalar scalar || scalar.Type == HoconValueType.Null)
        {
            return HoconJsonWriter.Write(value, indented: false);
        }

        try
        {
            if (core == typeof(TimeSpan))
            {
                var ticks = ValueReader.AsNanoseconds(value, path) / 100;
                return JsonSerializer.Serialize(TimeSpan.FromTicks(ticks).ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (core == typeof(bool) && scalar.Type == HoconValueType.String)
            {
                return ValueReader.AsBoolean(value, path) ? "true" : "false";
            }
        }
        catch (HoconException)
        {
            return null;
        }

        if (core.IsEnum && scalar.Type == HoconValueType.String)
        {
            var match = Enum.GetNames(core).FirstOrDefault(n =>
                string.Equals(n, scalar.Text.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            return match is null ? null : JsonSerializer.Serialize(match);
        }

        if (ParameterKinds.IsNumeric(core) && scalar.Type == HoconValueType.String && ParameterKinds.LooksNumeric(scalar.Text))
        {
            return scalar.Text.Trim();
        }

        if (core == typeof(string) && scalar.Type is HoconValueType.Number or HoconValueType.Boolean)
        {
            return JsonSerializer.Serialize(scalar.Text);
        }

        return HoconJsonWriter.Write(value, indented: false);
    }

    /// <summary>Whether JSON text deserializes into a property type under the node configuration settings.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The property type.</param>
    /// <returns>Whether it fits.</returns>
    private static bool Fits(string json, Type type)
    {
        try
        {
            _ = JsonSerializer.Deserialize(json, type, NodeConfiguration.JsonOptions);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
