using Chimera.Remote;

namespace Chimera.Tests.Remote;

public sealed class RemoteSettingsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var settings = new RemoteSettings();
        Assert.Equal(4096, settings.BufferCapacity);
        Assert.Equal(32 * 1024 * 1024, settings.BufferBytes);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.DemandRedeliveryInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.SubscriptionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.FinalTerminationDeadline);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.HandshakeTimeout);
        Assert.Equal(256, settings.BatchMaxElements);
        Assert.Equal(64 * 1024, settings.BatchMaxBytes);
        Assert.Equal(TimeSpan.FromMicroseconds(200), settings.InlineAfterIdle);
        Assert.True(settings.WriteToSocket);
        Assert.NotNull(settings.Wire);
    }

    [Fact]
    public void Setters_AcceptValuesInRange()
    {
        var settings = new RemoteSettings
        {
            BufferCapacity = 1,
            DemandRedeliveryInterval = TimeSpan.FromMilliseconds(10),
            SubscriptionTimeout = TimeSpan.FromHours(1),
            BatchMaxElements = 1,
            BatchMaxBytes = 64,
        };
        Assert.Equal(1, settings.BufferCapacity);
        Assert.Equal(64, settings.BatchMaxBytes);
    }

    [Theory]
    [InlineData("buffer-capacity", 0, "chimera.remote.buffer-capacity = 0 is invalid; expected an integer from 1 to 1,048,576.")]
    [InlineData("batch-max-elements", -1, "chimera.remote.batch-max-elements = -1 is invalid; expected an integer from 1 to 1,048,576.")]
    [InlineData("buffer-bytes", 65535, "chimera.remote.buffer-bytes = 65535 is invalid; expected an integer from 65,536 to 1,073,741,824.")]
    [InlineData("batch-max-bytes", 63, "chimera.remote.batch-max-bytes = 63 is invalid; expected an integer from 64 to 16,777,216.")]
    public void IntegerSetters_RejectValuesOutOfRange_NamingTheKey(string key, int value, string message)
    {
        var settings = new RemoteSettings();
        Action set = key switch
        {
            "buffer-capacity" => () => settings.BufferCapacity = value,
            "batch-max-elements" => () => settings.BatchMaxElements = value,
            "buffer-bytes" => () => settings.BufferBytes = value,
            _ => () => settings.BatchMaxBytes = value,
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public void DurationSetters_RejectValuesOutOfRange_NamingTheKey()
    {
        var settings = new RemoteSettings();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.FinalTerminationDeadline = TimeSpan.FromMilliseconds(5));
        Assert.StartsWith("chimera.remote.final-termination-deadline = 00:00:00.0050000 is invalid; expected a duration from 10 ms to 1 hour.", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.SubscriptionTimeout = TimeSpan.FromHours(2));
        Assert.StartsWith("chimera.remote.subscription-timeout = 02:00:00 is invalid", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => settings.Wire = null!);
    }

    [Fact]
    public void InlineAfterIdle_AcceptsZeroToOneSecond_AndNamesTheKeyOtherwise()
    {
        var settings = new RemoteSettings { InlineAfterIdle = TimeSpan.Zero };
        Assert.Equal(TimeSpan.Zero, settings.InlineAfterIdle);
        settings.InlineAfterIdle = TimeSpan.FromSeconds(1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.InlineAfterIdle = TimeSpan.FromTicks(-1));
        Assert.StartsWith("chimera.remote.inline-after-idle = -00:00:00.0000001 is invalid; expected a duration from 0 to 1 second.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.InlineAfterIdle = TimeSpan.FromSeconds(1.5));
    }
}
