using Chimera.Configuration;

namespace Chimera.Tests.Configuration;

/// <summary>Parses test HOCON with an injected, empty-by-default environment so tests never see the machine's.</summary>
internal static class HoconTestInput
{
    public static HoconConfig Parse(string text, IReadOnlyDictionary<string, string>? env = null, string? fileName = "test.conf") =>
        HoconConfig.ParseString(text, fileName, Options(env));

    public static HoconConfigOptions Options(IReadOnlyDictionary<string, string>? env = null) => new()
    {
        EnvironmentVariables = name => env is not null && env.TryGetValue(name, out var v) ? v : null,
    };

    public static string Json(string text, IReadOnlyDictionary<string, string>? env = null) => Parse(text, env).ToJson(indented: false);

    public static void AssertJson(string expected, string actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)), $"Expected {expected} but got {actual}.");

    public static HoconException Fails(string text, IReadOnlyDictionary<string, string>? env = null, string? fileName = "test.conf") =>
        Assert.Throws<HoconException>(() => Parse(text, env, fileName));
}
