using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chimera.Cluster.Http;

/// <summary>The JSON settings of the control API: camelCase names, enums as names, so the API reads well by hand and from scripts.</summary>
internal static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
