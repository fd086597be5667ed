using System.Text;
using Chimera.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace Chimera.Tests.Wire;

public sealed class WirePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void RandomByteArrays_RoundTrip()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())), bytes =>
            WireValueComparer.ValueEquals(bytes, WireTestKit.RoundTripValue(bytes)))
            .Check(Config);
    }

    [Fact]
    public void RandomStrings_RoundTrip_AsTheirUtf8Form()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var expected = text is null ? null : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            return Equals(expected, WireTestKit.RoundTripValue(text));
        }).Check(Config);
    }

    [Fact]
    public void RandomNumericArrays_RoundTrip()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<double[]>(), values => WireValueComparer.ValueEquals(values, WireTestKit.RoundTripValue(values))).Check(Config);
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), values => WireValueComparer.ValueEquals(values, WireTestKit.RoundTripValue(values))).Check(Config);
        Prop.ForAll(ArbMap.Default.ArbFor<long[]>(), values => WireValueComparer.ValueEquals(values, WireTestKit.RoundTripValue(values))).Check(Config);
        Prop.ForAll(ArbMap.Default.ArbFor<float[]>(), values => WireValueComparer.ValueEquals(values, WireTestKit.RoundTripValue(values))).Check(Config);
    }

    [Fact]
    public void RandomChunks_RoundTrip_ThroughFramesOfRandomSizeAndSegmentation()
    {
        var gen =
            from chunk in WireGenerators.Chunk()
            from frameSize in Gen.Choose(64, 2048)
            from segmentSize in Gen.Choose(1, 4096)
            select (chunk, frameSize, segmentSize);

        Prop.ForAll(Arb.From(gen), input =>
        {
            var settings = new WireSettings { MaxFrameSize = input.frameSize };
            var decoded = WireTestKit.RoundTrip(input.chunk, settings, input.segmentSize);
            return WireValueComparer.ChunkEquals(input.chunk, decoded);
        }).Check(Config);
    }
}
