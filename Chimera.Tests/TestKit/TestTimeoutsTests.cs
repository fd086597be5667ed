using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class TestTimeoutsTests
{
    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("2", 2.0)]
    [InlineData(" 2.5 ", 2.5)]
    [InlineData("0.5", 0.5)]
    public void Parse_Valid(string? value, double expected)
    {
        Assert.Equal(expected, TestTimeouts.Parse(value));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("2,5")]
    public void Parse_Invalid_SaysWhatIsExpected(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestTimeouts.Parse(value));

        Assert.Equal(
            $"CHIMERA_TEST_TIMEFACTOR = '{value}' is invalid; expected a number greater than 0 such as 1, 2 or 2.5 (it multiplies every TestKit timeout). Unset it to use 1.",
            ex.Message);
    }

    [Fact]
    public void ScaleBy_MultipliesAndKeepsInfinite()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), TestTimeouts.ScaleBy(TimeSpan.FromSeconds(3), 2));
        Assert.Equal(Timeout.InfiniteTimeSpan, TestTimeouts.ScaleBy(Timeout.InfiniteTimeSpan, 2));
        Assert.Equal(TimeSpan.FromMilliseconds(int.MaxValue - 1), TestTimeouts.ScaleBy(TimeSpan.MaxValue, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestTimeouts.ScaleBy(TimeSpan.FromSeconds(-2), 1));
    }

    [Fact]
    public void Default_IsThreeSecondsScaled()
    {
        Assert.Equal(TestTimeouts.Scale(TimeSpan.FromSeconds(3)), TestTimeouts.Default);
    }

    [Fact]
    public void OptionsTimeout_Invalid_SaysWhatIsAllowed()
    {
        var options = new NodeTestOptions();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.Zero);

        Assert.Equal("Timeout", ex.ParamName);
        Assert.StartsWith("Timeout must be greater than zero, or Timeout.InfiniteTimeSpan.", ex.Message);
        options.Timeout = Timeout.InfiniteTimeSpan;
        Assert.Equal(TestTimeouts.UnscaledDefault, new GraphTestOptions().Timeout);
    }
}
