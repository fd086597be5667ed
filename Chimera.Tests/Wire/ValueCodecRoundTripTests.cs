using System.Text.Json;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class ValueCodecRoundTripTests
{
    public static TheoryData<object?> Scalars() => new()
    {
        null,
        true,
        false,
        (byte)200,
        (sbyte)-100,
        (short)-12345,
        (ushort)54321,
        int.MinValue,
        uint.MaxValue,
        long.MinValue,
        ulong.MaxValue,
        1.5f,
        float.NaN,
        float.NegativeInfinity,
        3.141592653589793,
        double.NaN,
        double.PositiveInfinity,
        double.NegativeInfinity,
        -0.0,
        double.Epsilon,
        79228162514264337593543950335m,
        -0.0000000000000000000000000001m,
        1.10m,
        'é',
        '\uffff',
        "",
        "hello",
        "héllo wörld, 你好, 🎉 emoji",
        new DateTime(2026, 11, 21, 1, 2, 3, DateTimeKind.Utc),
        new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Local),
        DateTime.MaxValue,
        new DateTimeOffset(2026, 11, 21, 1, 2, 3, TimeSpan.FromHours(-5.5)),
        TimeSpan.FromMilliseconds(-1234.5),
        Guid.NewGuid(),
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalar_RoundTrips_WithSameTypeAndValue(object? value)
    {
        var decoded = WireTestKit.RoundTripValue(value);

        Assert.Equal(value?.GetType(), decoded?.GetType());
        Assert.Equal(value, decoded);
        if (value is DateTime time)
        {
            Assert.Equal(time.Kind, ((DateTime)decoded!).Kind);
        }

        if (value is DateTimeOffset offsetTime)
        {
            Assert.Equal(offsetTime.Offset, ((DateTimeOffset)decoded!).Offset);
        }

        if (value is double d)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)decoded!));
        }

        if (value is decimal m)
        {
            Assert.Equal(decimal.GetBits(m), decimal.GetBits((decimal)decoded!));
        }
    }

    public static TheoryData<Array> Arrays() => new()
    {
        Array.Empty<byte>(),
        new byte[] { 0, 1, 255 },
        Array.Empty<int>(),
        new[] { int.MinValue, 0, int.MaxValue },
        new[] { long.MinValue, 1L, long.MaxValue },
        new[] { 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity },
        new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e308 },
        Array.Empty<double>(),
        new short[] { short.MinValue, 7 },
        new ushort[] { ushort.MaxValue, 7 },
        new uint[] { uint.MaxValue, 7 },
        new ulong[] { ulong.MaxValue, 7 },
        new sbyte[] { sbyte.MinValue, -1, sbyte.MaxValue },
        new[] { true, false, true },
        Array.Empty<bool>(),
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void NumericArray_RoundTrips_AsSameArrayType(Array value)
    {
        var decoded = WireTestKit.RoundTripValue(value);

        Assert.IsType(value.GetType(), decoded);
        Assert.Equal(value.Cast<object>(), ((Array)decoded!).Cast<object>());
    }

    [Fact]
    public void ByteMemory_DecodesAsByteArray()
    {
        var bytes = new byte[] { 1, 2, 3, 4, 5 };

        Assert.Equal(new byte[] { 2, 3, 4 }, WireTestKit.RoundTripValue(new ReadOnlyMemory<byte>(bytes, 1, 3)));
        Assert.Equal(new byte[] { 2, 3 }, WireTestKit.RoundTripValue(new Memory<byte>(bytes, 1, 2)));
        Assert.Equal(new byte[] { 3, 4, 5 }, WireTestKit.RoundTripValue(new ArraySegment<byte>(bytes, 2, 3)));
    }

    [Fact]
    public void NumericMemory_DecodesAsArray()
    {
        var values = new[] { 1.0, 2.0, 3.0 };

        Assert.Equal(new[] { 2.0, 3.0 }, WireTestKit.RoundTripValue(new ReadOnlyMemory<double>(values, 1, 2)));
    }

    [Fact]
    public void TabularRow_RoundTrips_PreservingColumnOrderAndTypes()
    {
        var row = new Dictionary<string, object?>
        {
            ["zeta"] = 1,
            ["alpha"] = "text ✓",
            ["nothing"] = null,
            ["ratio"] = double.NaN,
            ["when"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["flag"] = true,
            ["price"] = 12.34m,
        };

        var record = WireTestKit.RoundTrip(new DataChunk().Add("row", row)).GetRecord("row");

        Assert.Equal(ContentType.Tabular, record.ContentType);
        var decoded = Assert.IsType<Dictionary<string, object?>>(record.Value);
        Assert.Equal(row.Keys, decoded.Keys);
        Assert.Equal(row.Values, decoded.Values);
    }

    [Fact]
    public void TabularReadOnlyDictionary_DecodesAsDictionary()
    {
        IReadOnlyDictionary<string, object?> row = new SortedDictionary<string, object?> { ["b"] = 2L, ["a"] = "x" };

        var decoded = Assert.IsType<Dictionary<string, object?>>(WireTestKit.RoundTripValue(row));

        Assert.Equal(new[] { "a", "b" }, decoded.Keys);
        Assert.Equal(2L, decoded["b"]);
    }

    [Fact]
    public void TabularExpando_DecodesAsDictionary()
    {
        dynamic row = new System.Dynamic.ExpandoObject();
        row.id = 7;
        row.label = "cat";

        var record = WireTestKit.RoundTrip(new DataChunk().Add("row", (object)row)).GetRecord("row");

        Assert.Equal(ContentType.Tabular, record.ContentType);
        var decoded = Assert.IsType<Dictionary<string, object?>>(record.Value);
        Assert.Equal(new object?[] { 7, "cat" }, decoded.Values);
    }

    [Fact]
    public void EmptyTabularRow_RoundTrips()
    {
        var decoded = Assert.IsType<Dictionary<string, object?>>(WireTestKit.RoundTripValue(new Dictionary<string, object?>()));

        Assert.Empty(decoded);
    }

    [Fact]
    public void RowWithNestedValue_FallsBackToJson()
    {
        var row = new Dictionary<string, object?> { ["nested"] = new[] { 1, 2 } };

        var decoded = Assert.IsType<Dictionary<string, object?>>(WireTestKit.RoundTripValue(row));

        Assert.Equal(JsonValueKind.Array, ((JsonElement)decoded["nested"]!).ValueKind);
    }

    [Fact]
    public void PlainObject_RoundTripsAsSameType_WhenTypeIsLoaded()
    {
        var value = new Reading("imu", 3, [1.5, -2.5]) { Note = "ok" };

        var decoded = Assert.IsType<Reading>(WireTestKit.RoundTripValue(value));

        Assert.Equal(value.Sensor, decoded.Sensor);
        Assert.Equal(value.Channel, decoded.Channel);
        Assert.Equal(value.Samples, decoded.Samples);
        Assert.Equal("ok", decoded.Note);
    }

    [Fact]
    public void PlainObject_OfUnknownType_ArrivesAsJsonElement()
    {
        var settings = new WireSettings();
        var registry = new ValueCodecRegistry(settings);
        var codec = new DataChunkCodec(settings, registry);
        var output = new PooledBufferWriter();
        codec.Encode(new DataChunk().Add("v", new Reading("x", 1, [])), output);
        var bytes = output.WrittenSpan.ToArray();
        var typeName = System.Text.Encoding.UTF8.GetBytes(typeof(Reading).AssemblyQualifiedName!);
        var at = bytes.AsSpan().IndexOf(typeName);
        Assert.True(at > 0);
        bytes[at + typeof(Reading).Namespace!.Length + 1] = (byte)'Q'; // ValueCodecRoundTripTests -> QalueCodecRoundTripTests: no such type here.

        var decoded = codec.Decode(new System.Buffers.ReadOnlySequence<byte>(bytes)).Records["v"].Value;

        var element = Assert.IsType<JsonElement>(decoded);
        Assert.Equal("x", element.GetProperty("Sensor").GetString());
    }

    [Fact]
    public void FrameworkTypeThatIsNotPlainData_ArrivesAsJsonElement()
    {
        var value = new System.Net.Cookie("name", "value");

        var decoded = Assert.IsType<JsonElement>(WireTestKit.RoundTripValue(value));

        Assert.Equal("value", decoded.GetProperty("Value").GetString());
    }

    [Fact]
    public void TuplesAndCollectionsOfPlainTypes_AreRebuilt()
    {
        var map = new Dictionary<string, List<Reading>> { ["a"] = [new Reading("s", 1, [2.0])] };

        var decoded = Assert.IsType<Dictionary<string, List<Reading>>>(WireTestKit.RoundTripValue(map));
        Assert.Equal("s", decoded["a"][0].Sensor);
        Assert.Equal((1, "x"), WireTestKit.RoundTripValue((1, "x")));
        Assert.Equal(Tuple.Create(2, "y"), WireTestKit.RoundTripValue(Tuple.Create(2, "y")));
    }

    [Fact]
    public void JsonElement_RoundTrips()
    {
        var element = JsonDocument.Parse("""{"a":[1,2,{"b":null}]}""").RootElement;

        var decoded = Assert.IsType<JsonElement>(WireTestKit.RoundTripValue(element));

        Assert.Equal(element.GetRawText(), decoded.GetRawText());
    }

    [Fact]
    public void ListOfStrings_RoundTripsThroughJson()
    {
        var value = new List<string> { "a", "ü" };

        Assert.Equal(value, Assert.IsType<List<string>>(WireTestKit.RoundTripValue(value)));
    }

    public sealed record Reading(string Sensor, int Channel, double[] Samples)
    {
        public string? Note { get; init; }
    }
}
