using Chimera.Benchmarks.Harness;

namespace Chimera.Tests.Benchmarks;

/// <summary>How the benchmark harness reads its command line, <c>--window</c> above all: a profiler needs a long window to attach to.</summary>
public class BenchmarkOptionsTests
{
    [Fact]
    public void Window_WithoutTheOption_IsOneSecondQuickAndThreeOtherwise()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), BenchmarkOptions.Parse(["--quick"]).Window);
        Assert.Equal(TimeSpan.FromSeconds(3), BenchmarkOptions.Parse([]).Window);
    }

    [Fact]
    public void Window_TheOptionOverridesQuickMode()
    {
        var options = BenchmarkOptions.Parse(["--quick", "--window", "12.5", "--only", "remote.small"]);

        Assert.Equal(TimeSpan.FromSeconds(12.5), options.Window);
        Assert.True(options.Quick);
        Assert.Equal(["remote.small"], options.Only);
    }

    [Theory]
    [InlineData("--window")]
    [InlineData("--window", "ten")]
    [InlineData("--window", "0")]
    [InlineData("--window", "-3")]
    [InlineData("--window", "4000")]
    public void Window_WithoutAUsableNumberOfSeconds_ThrowsNamingTheOption(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(args));

        Assert.Contains("--window needs a number of seconds", error.Message);
    }
}
