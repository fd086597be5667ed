using Chimera.Configuration;
using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class FallbackTests
{
    [Fact]
    public void WithFallback_MissingKeysComeFromFallback_ObjectsMerge()
    {
        var reference = Parse("chimera { remote { port = 7000, host = localhost }, name = ref }", fileName: "reference.conf");
        var user = Parse("chimera.remote.port = 9000", fileName: "application.conf");
        var merged = user.WithFallback(reference);
        Assert.Equal("""{"chimera":{"remote":{"port":9000,"host":"localhost"},"name":"ref"}}""", merged.ToJson(false));
        Assert.Equal("reference.conf", merged.GetValue("chimera.remote.host").Origin.File);
    }

    [Fact]
    public void WithFallback_DeferredSubstitution_SeesFallbackKeys()
    {
        var options = new HoconConfigOptions { DeferResolution = true, EnvironmentVariables = _ => null };
        var user = HoconConfig.ParseString("url = \"http://\"${host}\":\"${port}\nport = 81", "app.conf", options);
        var reference = HoconConfig.ParseString("host = example\nport = 80", "reference.conf", options);
        Assert.Equal("http://example:81", user.WithFallback(reference).GetString("url"));
    }

    [Fact]
    public void WithFallback_DeferredFallbackSubstitution_SeesOverride()
    {
        var deferred = new HoconConfigOptions { DeferResolution = true, EnvironmentVariables = _ => null };
        var reference = HoconConfig.ParseString("dir = /tmp\nlog = ${dir}/log", "reference.conf", deferred);
        var user = Parse("dir = /var");
        Assert.Equal("/var/log", user.WithFallback(reference).GetString("log"));
    }

    [Fact]
    public void WithFallback_ResolvedFallback_KeepsItsOwnResolution()
    {
        var reference = HoconConfig.ParseString("dir = /tmp\nlog = ${dir}/log", "reference.conf", Options());
        var user = Parse("dir = /var");
        Assert.Equal("/tmp/log", user.WithFallback(reference).GetString("log"));
    }

    [Fact]
    public void WithFallback_NonObjectHidesEarlierObjects_AsSpecExample()
    {
        var merged = Parse("a { x = 1 }").WithFallback(Parse("a = 42")).WithFallback(Parse("a { y = 2 }"));
        Assert.Equal("""{"a":{"x":1}}""", merged.ToJson(false));
        var adjacent = Parse("a { x = 1 }").WithFallback(Parse("a { y = 2 }")).WithFallback(Parse("a = 42"));
        AssertJson("""{"a":{"x":1,"y":2}}""", adjacent.ToJson(false));
    }

    [Fact]
    public void DeferResolution_MissingSubstitution_FailsOnResolve()
    {
        var config = HoconConfig.ParseString("a = ${b}", "app.conf", new HoconConfigOptions { DeferResolution = true, EnvironmentVariables = _ => null });
        Assert.Throws<HoconException>(() => config.Resolve());
    }

    [Fact]
    public void WithFallback_ChainOfThree_PriorityInOrder()
    {
        var merged = Parse("a = 1").WithFallback(Parse("a = 2, b = 2")).WithFallback(Parse("a = 3, b = 3, c = 3"));
        Assert.Equal("""{"a":1,"b":2,"c":3}""", Normalize(merged));
    }

    [Fact]
    public void WithFallback_SubConfig_CanBeFallback()
    {
        var section = Parse("defaults { x = 1, y = 2 }").GetConfig("defaults");
        Assert.Equal("""{"x":1,"y":3}""", Normalize(Parse("y = 3").WithFallback(section)));
    }

    private static string Normalize(HoconConfig config)
    {
        var obj = System.Text.Json.Nodes.JsonNode.Parse(config.ToJson(false))!.AsObject();
        return new System.Text.Json.Nodes.JsonObject(obj.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString();
    }
}
