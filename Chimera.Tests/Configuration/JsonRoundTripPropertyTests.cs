using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chimera.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Chimera.Tests.Configuration;

public sealed class JsonRoundTripPropertyTests
{
    // Characters that mean something in HOCON (and JSON escapes), to make sure quoting protects them.
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "  ", ".", "..", "$", "${x}", "${?y}", "\"", "\\", "/", "//", "#", "{", "}", "[", "]", ":", "=", "+=",
        ",", "\n", "\r\n", "\t", "\u0001", "é", "漢", "😀", "\u00a0", "include", "true", "null", "1e5", "\"\"\"", "'", "?", "!", "@", "*", "&", "^", "`",
    ];

    private static readonly Gen<string> Text =
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts));

    private static readonly Gen<JsonNode?> Number = Gen.OneOf(
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Choose(-100000, 100000).Zip(Gen.Choose(1, 1000)).Select(t => (JsonNode?)JsonValue.Create(t.Item1 / (double)t.Item2)),
        Gen.Choose(-300, 300).Select(e => (JsonNode?)JsonValue.Create(Math.Pow(10, e) * 1.5)));

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf(
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Number,
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Constant<JsonNode?>(null));

    private static Gen<JsonNode?> Node(int size) => size <= 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Gen.ListOf(Node(size / 3), Math.Min(size, 5)).Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Object(size / 3).Select(o => (JsonNode?)o)));

    private static Gen<JsonObject> Object(int size) =>
        Gen.ListOf(Text.Where(k => k.Length > 0).Zip(Node(size)), Math.Min(size, 5))
            .Select(fields =>
            {
                var obj = new JsonObject();
                foreach (var (key, value) in fields)
                {
                    obj[key] = value;
                }

                return obj;
            });

    [Fact]
    public void AnyJsonDocument_ParsesToItself()
    {
        var documents = Gen.Sized(size => Object(Math.Min(size, 30))).ToArbitrary();
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Prop.ForAll(documents, document =>
        {
            var json = document.ToJsonString(options);
            var hocon = HoconConfig.ParseString(json, "generated.json", HoconTestInput.Options()).ToJson(indented: false);
            return JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(hocon));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnyJsonDocument_IndentedWithAsciiEscapes_ParsesToItself()
    {
        var documents = Gen.Sized(size => Object(Math.Min(size, 30))).ToArbitrary();
        var options = new JsonSerializerOptions { WriteIndented = true };
        Prop.ForAll(documents, document =>
        {
            var json = document.ToJsonString(options);
            var hocon = HoconConfig.ParseString(json, "generated.json", HoconTestInput.Options()).ToJson(indented: false);
            return JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(hocon));
        }).QuickCheckThrowOnFailure();
    }
}
