using Chimera.Configuration;
using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class TypedGetterTests
{
    [Theory]
    [InlineData("ns", 1L)]
    [InlineData("nano", 1L)]
    [InlineData("nanos", 1L)]
    [InlineData("nanosecond", 1L)]
    [InlineData("nanoseconds", 1L)]
    [InlineData("us", 1_000L)]
    [InlineData("micro", 1_000L)]
    [InlineData("micros", 1_000L)]
    [InlineData("microsecond", 1_000L)]
    [InlineData("microseconds", 1_000L)]
    [InlineData("ms", 1_000_000L)]
    [InlineData("milli", 1_000_000L)]
    [InlineData("millis", 1_000_000L)]
    [InlineData("millisecond", 1_000_000L)]
    [InlineData("milliseconds", 1_000_000L)]
    [InlineData("s", 1_000_000_000L)]
    [InlineData("second", 1_000_000_000L)]
    [InlineData("seconds", 1_000_000_000L)]
    [InlineData("m", 60_000_000_000L)]
    [InlineData("minute", 60_000_000_000L)]
    [InlineData("minutes", 60_000_000_000L)]
    [InlineData("h", 3_600_000_000_000L)]
    [InlineData("hour", 3_600_000_000_000L)]
    [InlineData("hours", 3_600_000_000_000L)]
    [InlineData("d", 86_400_000_000_000L)]
    [InlineData("day", 86_400_000_000_000L)]
    [InlineData("days", 86_400_000_000_000L)]
    public void GetDuration_EveryUnit_Scales(string unit, long nanos)
    {
        var config = Parse($"a = 3 {unit}\nb = 3{unit}");
        Assert.Equal(3 * nanos, config.GetDurationNanoseconds("a"));
        Assert.Equal(3 * nanos, config.GetDurationNanoseconds("b"));
        Assert.Equal(TimeSpan.FromTicks(3 * nanos / 100), config.GetDuration("a"));
    }

    [Fact]
    public void GetDurationNanoseconds_KeepsSubTickPrecision()
    {
        var config = Parse("a = 1.5 us\nb = 150ns");
        Assert.Equal(1500L, config.GetDurationNanoseconds("a"));
        Assert.Equal(150L, config.GetDurationNanoseconds("b"));
        Assert.Equal(TimeSpan.FromTicks(1), config.GetDuration("b"));
    }

    [Fact]
    public void GetDuration_BareNumber_IsMilliseconds()
    {
        var config = Parse("a = 250\nb = \"1500\"\nc = 1.5 s");
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetDuration("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.GetDuration("b"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.GetDuration("c"));
    }

    [Theory]
    [InlineData("10 MS")]
    [InlineData("10 Seconds")]
    [InlineData("10 fortnights")]
    [InlineData("ten seconds")]
    public void GetDuration_UnknownOrUppercaseUnit_Fails(string text)
    {
        var config = Parse($"a = {text}");
        var error = Assert.Throws<HoconException>(() => config.GetDuration("a"));
        Assert.Contains("'a' is the string", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a duration", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("10", 10L)]
    [InlineData("10B", 10L)]
    [InlineData("10 b", 10L)]
    [InlineData("10 byte", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1 kB", 1_000L)]
    [InlineData("1 kilobyte", 1_000L)]
    [InlineData("2 kilobytes", 2_000L)]
    [InlineData("1K", 1_024L)]
    [InlineData("1k", 1_024L)]
    [InlineData("1Ki", 1_024L)]
    [InlineData("1KiB", 1_024L)]
    [InlineData("1 kibibyte", 1_024L)]
    [InlineData("2 kibibytes", 2_048L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("1 megabyte", 1_000_000L)]
    [InlineData("1M", 1_048_576L)]
    [InlineData("1m", 1_048_576L)]
    [InlineData("1Mi", 1_048_576L)]
    [InlineData("1MiB", 1_048_576L)]
    [InlineData("1 mebibytes", 1_048_576L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1 gigabyte", 1_000_000_000L)]
    [InlineData("1G", 1_073_741_824L)]
    [InlineData("1g", 1_073_741_824L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("1 gibibyte", 1_073_741_824L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1 terabytes", 1_000_000_000_000L)]
    [InlineData("1T", 1_099_511_627_776L)]
    [InlineData("1Ti", 1_099_511_627_776L)]
    [InlineData("1 tebibyte", 1_099_511_627_776L)]
    [InlineData("1PB", 1_000_000_000_000_000L)]
    [InlineData("1 petabyte", 1_000_000_000_000_000L)]
    [InlineData("1P", 1_125_899_906_842_624L)]
    [InlineData("1PiB", 1_125_899_906_842_624L)]
    [InlineData("1 pebibyte", 1_125_899_906_842_624L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    [InlineData("1 exabyte", 1_000_000_000_000_000_000L)]
    [InlineData("1E", 1_152_921_504_606_846_976L)]
    [InlineData("1e", 1_152_921_504_606_846_976L)]
    [InlineData("1EiB", 1_152_921_504_606_846_976L)]
    [InlineData("1 exbibyte", 1_152_921_504_606_846_976L)]
    [InlineData("1.5K", 1_536L)]
    public void GetBytes_EveryUnit_Scales(string text, long expected)
    {
        Assert.Equal(expected, Parse($"a = \"{text}\"").GetBytes("a"));
    }

    [Theory]
    [InlineData("1 ZB")]
    [InlineData("1 zettabyte")]
    [InlineData("1Z")]
    [InlineData("1 zebibytes")]
    [InlineData("1YB")]
    [InlineData("1 yottabyte")]
    [InlineData("1 Yi")]
    [InlineData("1 yobibyte")]
    public void GetBytes_ZettaAndYotta_AreKnownButExceedLong(string text)
    {
        var error = Assert.Throws<HoconException>(() => Parse($"a = \"{text}\"").GetBytes("a"));
        Assert.Contains("more than a 64-bit count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetBytes_UnknownUnit_Fails()
    {
        Assert.Contains("is not a size unit", Assert.Throws<HoconException>(() => Parse("a = 1 KB").GetBytes("a")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    public void GetBoolean_AllSpellings_Parse(string text, bool expected)
    {
        Assert.Equal(expected, Parse($"a = {text}").GetBoolean("a"));
    }

    [Fact]
    public void GetNumbers_FromNumbersAndNumericStrings()
    {
        var config = Parse("i = 42\nl = 9000000000\nd = 1.25\ns = \"7\"\nw = 3.0");
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(1.25, config.GetDouble("d"));
        Assert.Equal(7, config.GetInt("s"));
        Assert.Equal(3, config.GetInt("w"));
        Assert.Equal("42", config.GetString("i"));
    }

    [Fact]
    public void GetInt_OutOfRange_Fails()
    {
        Assert.Contains("outside the range of a 32-bit integer", Assert.Throws<HoconException>(() => Parse("l = 9000000000").GetInt("l")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_NamesPathOriginAndExpectedType()
    {
        var config = Parse("a {\n  port = abc\n  list = [1]\n}", fileName: "worker.conf");
        var error = Assert.Throws<HoconException>(() => config.GetInt("a.port"));
        Assert.Equal("worker.conf:2:10: 'a.port' is the string \"abc\", but an integer was expected.", error.Message);
        Assert.Contains("but a string was expected", Assert.Throws<HoconException>(() => config.GetString("a.list")).Message, StringComparison.Ordinal);
        Assert.Contains("but an object was expected", Assert.Throws<HoconException>(() => config.GetObject("a.port")).Message, StringComparison.Ordinal);
        Assert.Contains("but a list was expected", Assert.Throws<HoconException>(() => config.GetList("a.port")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPath_GetThrows_TryGetReturnsFalse()
    {
        var config = Parse("a = 1\nn = null");
        Assert.Contains("'b.c' is not set", Assert.Throws<HoconException>(() => config.GetString("b.c")).Message, StringComparison.Ordinal);
        Assert.False(config.TryGetInt("b", out _));
        Assert.False(config.TryGetString("n", out _));
        Assert.True(config.TryGetInt("a", out var a));
        Assert.Equal(1, a);
        Assert.False(config.HasPath("n"));
        Assert.True(config.HasPath("a"));
        Assert.False(config.HasPath("a.b"));
        Assert.True(config.TryGetValue("n", out var nullValue));
        Assert.Equal(HoconValueType.Null, nullValue.Type);
    }

    [Fact]
    public void TryGetListAndConfig_ReportPresence()
    {
        var config = Parse("a = [1]\nb { c = 1 }");
        Assert.True(config.TryGetList("a", out var list));
        Assert.Single(list);
        Assert.True(config.TryGetConfig("b", out var section));
        Assert.Equal(1, section.GetInt("c"));
        Assert.False(config.TryGetConfig("nope", out _));
        Assert.Throws<HoconException>(() => config.TryGetConfig("a", out _));
    }

    [Fact]
    public void TryGet_WrongType_StillThrows()
    {
        Assert.Throws<HoconException>(() => Parse("a = x").TryGetInt("a", out _));
    }

    [Fact]
    public void GetList_AndStringList_ReadArrays()
    {
        var config = Parse("a = [x, 2, true]\nb = []");
        Assert.Equal(["x", "2", "true"], config.GetStringList("a"));
        Assert.Empty(config.GetList("b"));
    }

    [Fact]
    public void GetConfig_ReturnsSection()
    {
        var section = Parse("chimera.worker { name = w1, port = 5 }").GetConfig("chimera.worker");
        Assert.Equal("w1", section.GetString("name"));
        Assert.Equal(5, section.GetInt("port"));
    }
}
