using System.Buffers;
using System.Diagnostics;
using Chimera.Benchmarks.Harness;
using Chimera.Benchmarks.Media;
using Chimera.Media;

namespace Chimera.Benchmarks.Baselines;

/// <summary>
/// <c>raw.jpeg.codec</c>: libjpeg-turbo alone — encode a 1080p RGB frame (quality 90, 4:2:0, the wire default) into a
/// reused buffer and decode it back into a new frame, in a loop on one thread, for the measurement window.
/// </summary>
internal sealed class RawJpegCodec : Benchmark
{
    /// <summary>The metric name.</summary>
    public const string Name = "raw.jpeg.codec";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> Metrics { get; } = [Metric.Raw(Name, "fps")];

    /// <inheritdoc />
    public override string Note => "JpegCodec.Encode (quality 90) + JpegCodec.Decode of one 1920x1080 RGB24 frame per iteration, one thread.";

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        TestFrames.EnsureJpeg();
        using var image = TestFrames.Render1080p(1);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var frames = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < options.Window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.ResetWrittenCount();
            JpegCodec.Encode(image, JpegCodec.DefaultQuality, buffer);
            using var decoded = JpegCodec.Decode(buffer.WrittenSpan);
            frames++;
        }

        IReadOnlyDictionary<string, double> result = new Dictionary<string, double> { [Name] = frames / Stopwatch.GetElapsedTime(started).TotalSeconds };
        return Task.FromResult(result);
    }
}
