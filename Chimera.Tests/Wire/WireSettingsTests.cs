using System.Reflection;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class WireSettingsTests
{
    [Fact]
    public void Defaults()
    {
        var settings = new WireSettings();

        Assert.Equal(1024 * 1024, settings.MaxFrameSize);
        Assert.Equal(256 * 1024 * 1024, settings.MaxElementSize);
        Assert.Equal(1024, settings.MaxRecordsPerChunk);
        Assert.Equal(1024, settings.MaxNameLength);
        Assert.Equal(64, settings.MaxOptionsPerRecord);
        Assert.Equal(4096, settings.MaxOptionValueLength);
        Assert.Equal(4096, settings.MaxColumnsPerRow);
        Assert.Equal(1024, settings.MaxBatchCount);
        Assert.Equal(4096, settings.MaxTypeNameLength);
        Assert.Equal(8192, settings.MaxReasonLength);
    }

    [Theory]
    [InlineData(nameof(WireSettings.MaxFrameSize), 64)]
    [InlineData(nameof(WireSettings.MaxFrameSize), 16 * 1024 * 1024)]
    [InlineData(nameof(WireSettings.MaxElementSize), 1024)]
    [InlineData(nameof(WireSettings.MaxRecordsPerChunk), 1)]
    [InlineData(nameof(WireSettings.MaxNameLength), 65535)]
    [InlineData(nameof(WireSettings.MaxOptionsPerRecord), 0)]
    [InlineData(nameof(WireSettings.MaxOptionValueLength), 0)]
    [InlineData(nameof(WireSettings.MaxColumnsPerRow), 1)]
    [InlineData(nameof(WireSettings.MaxBatchCount), 1)]
    [InlineData(nameof(WireSettings.MaxTypeNameLength), 16)]
    [InlineData(nameof(WireSettings.MaxReasonLength), 64)]
    public void Valid_IsKept(string property, int value)
    {
        var settings = new WireSettings();
        var info = typeof(WireSettings).GetProperty(property)!;

        info.SetValue(settings, value);

        Assert.Equal(value, info.GetValue(settings));
    }

    [Theory]
    [InlineData(nameof(WireSettings.MaxFrameSize), 63, "chimera.wire.max-frame-size = 63 is invalid; expected an integer from 64 to 16,777,216.")]
    [InlineData(nameof(WireSettings.MaxFrameSize), 16 * 1024 * 1024 + 1, "chimera.wire.max-frame-size = 16777217 is invalid; expected an integer from 64 to 16,777,216.")]
    [InlineData(nameof(WireSettings.MaxElementSize), 0, "chimera.wire.max-element-size = 0 is invalid; expected an integer from 1,024 to 2,147,483,591.")]
    [InlineData(nameof(WireSettings.MaxRecordsPerChunk), 0, "chimera.wire.max-records-per-chunk = 0 is invalid; expected an integer from 1 to 1,048,576.")]
    [InlineData(nameof(WireSettings.MaxNameLength), 65536, "chimera.wire.max-name-length = 65536 is invalid; expected an integer from 1 to 65,535.")]
    [InlineData(nameof(WireSettings.MaxOptionsPerRecord), -1, "chimera.wire.max-options-per-record = -1 is invalid; expected an integer from 0 to 4,096.")]
    [InlineData(nameof(WireSettings.MaxOptionValueLength), -1, "chimera.wire.max-option-value-length = -1 is invalid; expected an integer from 0 to 1,048,576.")]
    [InlineData(nameof(WireSettings.MaxColumnsPerRow), 0, "chimera.wire.max-columns-per-row = 0 is invalid; expected an integer from 1 to 1,048,576.")]
    [InlineData(nameof(WireSettings.MaxBatchCount), 0, "chimera.wire.max-batch-count = 0 is invalid; expected an integer from 1 to 1,048,576.")]
    [InlineData(nameof(WireSettings.MaxTypeNameLength), 15, "chimera.wire.max-type-name-length = 15 is invalid; expected an integer from 16 to 65,535.")]
    [InlineData(nameof(WireSettings.MaxReasonLength), 63, "chimera.wire.max-reason-length = 63 is invalid; expected an integer from 64 to 1,048,576.")]
    public void Invalid_Throws_NamingTheKeyAndRange(string property, int value, string message)
    {
        var settings = new WireSettings();
        var info = typeof(WireSettings).GetProperty(property)!;
        var before = info.GetValue(settings);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            try
            {
                info.SetValue(settings, value);
            }
            catch (TargetInvocationException wrapped)
            {
                throw wrapped.InnerException!;
            }
        });

        Assert.Equal("value", error.ParamName);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(before, info.GetValue(settings));
    }
}
